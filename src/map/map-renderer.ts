/**
 * Renders incident maps to PNG: the SVG is built in code and rasterised by resvg with the Roboto
 * font files shipped in node_modules (system fonts off), so the picture is the same everywhere.
 * Basemap paths and fonts are prepared once per renderer.
 */
import { createRequire } from 'node:module';
import { AppError } from '../domain/errors.js';
import type { Incident } from '../domain/incident.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { placeCoordinates } from '../gazetteer/gazetteer-data.js';
import { buildBasemap, type Basemap } from './basemap.js';
import { buildMapData } from './map-data.js';
import { createMapFrame, type MapFrame } from './map-frame.js';
import { pictureSvg, type PictureText } from './map-picture.js';
import type { BaseSite } from './map-svg.js';
import { PAGE } from './map-style.js';

export interface MapPictureRequest extends PictureText {
  readonly incidents: readonly Incident[];
  readonly from: Date;
  readonly to: Date;
}

export interface MapPicture {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Incidents drawn as markers, and those in the period at all. */
  readonly drawn: number;
  readonly total: number;
}

export interface MapRenderer {
  render(req: MapPictureRequest): Promise<MapPicture>;
  /** The SVG alone (tests and the sample script read it). */
  svg(req: MapPictureRequest): string;
}

const FONT_FILES = [
  '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf',
  '@expo-google-fonts/roboto/500Medium/Roboto_500Medium.ttf',
  '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf',
];

/** The packaged font files, resolved from node_modules. */
export function mapFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return FONT_FILES.map((f) => require.resolve(f));
}

/** US/coalition bases from the gazetteer (bases and compounds hosting US personnel). */
function basesOf(gazetteer: Gazetteer | undefined): BaseSite[] {
  return (gazetteer?.places ?? []).flatMap((p) => {
    const at = placeCoordinates(p);
    return p.hostsUs && p.type === 'base' && at ? [{ name: p.name, ...at }] : [];
  });
}

export function createMapRenderer(options: { readonly gazetteer?: Gazetteer } = {}): MapRenderer {
  let prepared: { frame: MapFrame; basemap: Basemap; fonts: string[] } | undefined;
  const bases = basesOf(options.gazetteer);
  function prepare(): { frame: MapFrame; basemap: Basemap; fonts: string[] } {
    if (!prepared) {
      const frame = createMapFrame();
      prepared = { frame, basemap: buildBasemap(frame), fonts: mapFontFiles() };
    }
    return prepared;
  }
  function build(req: MapPictureRequest) {
    const { frame, basemap, fonts } = prepare();
    const data = buildMapData(req.incidents, { from: req.from, to: req.to }, options.gazetteer);
    return { svg: pictureSvg(data, req, frame, basemap, bases), data, fonts };
  }
  return {
    svg: (req) => build(req).svg,
    async render(req) {
      try {
        const { svg, data, fonts } = build(req);
        // Rasterised off the event loop (resvg's async API runs on the libuv pool); resvg is
        // loaded with the first map, not when the worker starts.
        const { renderAsync } = await import('@resvg/resvg-js');
        const image = await renderAsync(svg, {
          font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: PAGE.font },
        });
        const png = new Uint8Array(image.asPng());
        return {
          png,
          width: image.width,
          height: image.height,
          drawn: data.points.length,
          total: data.total,
        };
      } catch (err) {
        throw new AppError('MAP_RENDER_FAILED', 'could not draw the map', {
          cause: err,
          retryable: false,
        });
      }
    },
  };
}
