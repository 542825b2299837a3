/**
 * The map's frame: a Mercator projection fitted to Iraq, Syria and the Jordan border area, so
 * that a latitude/longitude lands on the same pixel in every image.
 */
import { geoMercator, type GeoProjection } from 'd3-geo';
import { PAGE } from './map-style.js';

/** The area drawn, in degrees: eastern Mediterranean coast to the Gulf, Turkey's edge to Jordan. */
export const MAP_EXTENT = { west: 34.6, east: 48.9, south: 29.0, north: 37.6 } as const;

export interface MapFrame {
  readonly projection: GeoProjection;
  /** Pixel position of a point, or undefined when it falls outside the drawn area. */
  project(lat: number, lon: number): readonly [number, number] | undefined;
  /** The map's box on the page. */
  readonly box: {
    readonly x0: number;
    readonly y0: number;
    readonly x1: number;
    readonly y1: number;
  };
}

export function createMapFrame(): MapFrame {
  const box = {
    x0: 0,
    y0: PAGE.titleHeight,
    x1: PAGE.width,
    y1: PAGE.titleHeight + PAGE.mapHeight,
  };
  const { west, east, south, north } = MAP_EXTENT;
  const projection = geoMercator().fitExtent(
    [
      [box.x0, box.y0],
      [box.x1, box.y1],
    ],
    {
      type: 'MultiPoint',
      coordinates: [
        [west, south],
        [east, north],
      ],
    },
  );
  projection.clipExtent([
    [box.x0, box.y0],
    [box.x1, box.y1],
  ]);
  return {
    projection,
    box,
    project(lat, lon) {
      const p = projection([lon, lat]);
      if (!p) return undefined;
      const [x, y] = p;
      return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1 ? [x, y] : undefined;
    },
  };
}
