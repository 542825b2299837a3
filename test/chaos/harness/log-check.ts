/**
 * Is a worker's output a clean pino log? Every line it wrote (stderr, and stdout, where only
 * console alerts would go) must parse as one JSON object, and a Redis outage must show as one
 * "connection lost" warning and one "reconnected" line per outage, whatever the libraries do.
 */
import type { WorkerProcess } from './worker-process.js';

/** The harness's own readiness marker (worker-entry.ts), not part of the app's log. */
const READY_MARKER = 'WORKER READY';

export interface LogCheck {
  /** Lines written over all worker processes. */
  readonly lines: number;
  /** Lines that are not one JSON object, and the first few of them. */
  readonly nonJson: number;
  readonly nonJsonSamples: readonly string[];
  /** The app's warnings that Redis went away, and its lines that it came back. */
  readonly outageWarnings: number;
  readonly reconnects: number;
}

function isJsonObject(line: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(line) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function checkLogs(
  workers: readonly WorkerProcess[],
  messages: { readonly lost: string; readonly back: string },
): LogCheck {
  let lines = 0;
  let outageWarnings = 0;
  let reconnects = 0;
  const bad: string[] = [];
  for (const w of workers) {
    for (const line of [...w.stderr, ...w.stdout]) {
      if (line.trim() === '' || line === READY_MARKER) continue;
      lines += 1;
      const entry = isJsonObject(line);
      if (!entry) bad.push(line);
      else if (entry['msg'] === messages.lost) outageWarnings += 1;
      else if (entry['msg'] === messages.back) reconnects += 1;
    }
  }
  return {
    lines,
    nonJson: bad.length,
    nonJsonSamples: bad.slice(0, 8),
    outageWarnings,
    reconnects,
  };
}
