/**
 * The real console front end (src/chat/console/) writing into memory: tests read the alerts a
 * user of `sitrep start --json` would see, one parsed JSON line each, or the readable text.
 */
import { Writable } from 'node:stream';
import { createConsoleFrontEnd } from '../../src/chat/console/console-front-end.js';
import type { FrontEndFactory } from '../../src/chat/front-end.js';

export interface ConsoleAlert {
  readonly kind: 'new' | 'update' | 'digest';
  readonly incident: string;
  readonly version: number;
  readonly title: string;
  /** "casualties" → "US: 4 injured", "place" → "Ain al-Asad, Anbar, Iraq", … */
  readonly facts: Readonly<Record<string, string>>;
  readonly summary: string;
  /** "First seen … · Topics: militia-attacks". */
  readonly context: string;
  readonly why: string;
  readonly sources: readonly { outlet: string; url: string }[];
  readonly changes: readonly string[];
}

export interface ConsoleCapture {
  readonly frontEnd: FrontEndFactory;
  /** Every line printed, in order (JSON mode: one alert each). */
  readonly lines: string[];
  /** The printed lines parsed (JSON mode only). */
  alerts(): ConsoleAlert[];
}

/**
 * `frontEnd` may start several apps in turn (a restart): each gets a fresh console platform, as
 * a restarted process would, and all print into the same `lines`. `onLine` sees each line as it
 * is printed.
 */
export function consoleCapture(
  options: { json?: boolean; onLine?: (line: string) => void } = {},
): ConsoleCapture {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').slice(0, -1)) {
        lines.push(line);
        options.onLine?.(line);
      }
      done();
    },
  });
  return {
    frontEnd: createConsoleFrontEnd(out, { json: options.json ?? true }),
    lines,
    alerts: () => lines.map((l) => JSON.parse(l) as ConsoleAlert),
  };
}
