/**
 * What ends a long-running command: Ctrl-C (SIGINT), SIGTERM, or a closed stdout (EPIPE, e.g.
 * `sitrep demo --json | head`). The command awaits `stopped` and then cleans up; a second
 * signal while it does exits at once (the 'exit' hooks, such as stopping a local Redis, run).
 */
import type { CliIo } from './io.js';

export interface StopSignal {
  /** Resolves with what stopped the command: 'SIGINT', 'SIGTERM' or 'EPIPE'. */
  readonly stopped: Promise<string>;
  /** Removes the listeners. */
  dispose(): void;
}

let active = 0;

/** True while a command handles its own stop (index.ts then leaves EPIPE to it). */
export function stopHandled(): boolean {
  return active > 0;
}

export function isEpipe(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'EPIPE';
}

export function stopSignal(io: CliIo): StopSignal {
  let fire: (reason: string) => void = () => undefined;
  let firedAt: number | undefined;
  const stopped = new Promise<string>((resolve) => {
    fire = (reason) => {
      // npm and tsx pass a Ctrl-C on as well: a repeat within a second is the same one.
      if (firedAt !== undefined && reason !== 'EPIPE' && Date.now() - firedAt > 1000)
        process.exit(130);
      firedAt ??= Date.now();
      resolve(reason);
    };
  });
  const onInt = (): void => fire('SIGINT');
  const onTerm = (): void => fire('SIGTERM');
  const onError = (err: unknown): void => {
    if (isEpipe(err)) fire('EPIPE');
  };
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  io.stdout.on('error', onError);
  active += 1;
  return {
    stopped,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      // stdout keeps a listener: a late write to a closed pipe must not crash the exit.
      active -= 1;
    },
  };
}
