/**
 * A parse thread's entry (parse-pool.ts): says it is ready once loaded, then parses each
 * document it is sent (parseItems) and posts back the items, or the error as plain data (a
 * FeedError's reason, message and line).
 */
import { parentPort } from 'node:worker_threads';
import { FeedError } from './feed-error.js';
import { parseItems, type ParseRequest } from './parse-items.js';
import type { ThreadAnswer } from './parse-pool.js';

const port = parentPort;
port?.on('message', (task: { id: number; req: ParseRequest }) => {
  const answer = (a: ThreadAnswer) => port.postMessage(a);
  parseItems(task.req).then(
    (out) => answer({ id: task.id, out }),
    (err: unknown) =>
      answer({
        id: task.id,
        error: {
          message: err instanceof Error ? err.message : String(err),
          ...(err instanceof FeedError
            ? { reason: err.reason, ...(err.line !== undefined ? { line: err.line } : {}) }
            : {}),
        },
      }),
  );
});
// Loaded: documents sent from now on are parsed at once.
port?.postMessage({ ready: true });
