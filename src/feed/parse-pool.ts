/**
 * Feed documents parsed off the worker's main thread. Parsing and normalising a fetched feed is
 * most of a poll's CPU (xml2js, the HTML-to-text of every item); on the main thread it competes
 * with the poll loop, the Redis replies and the clustering of items. `pipeline.parseThreads`
 * threads take it instead, each document going to the thread with the fewest in hand.
 *
 * A bad document costs its own poll only: when a thread dies (out of memory, a bug) the document
 * it was parsing fails with a parse error (the feed backs off, and its health says why), and the
 * others it held are parsed in place; a document still unparsed after `deadlineMs` fails the
 * same way and its thread is stopped. A stopped thread is started again after a second, later
 * while threads keep stopping. With 0 threads, or after close, documents are parsed in place.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger.js';
import { FeedError, type FeedErrorReason } from './feed-error.js';
import { parseItems, type ParsedItems, type ParseRequest } from './parse-items.js';

export interface FeedParser {
  parse(req: ParseRequest): Promise<ParsedItems>;
  /** Documents answered by a parse thread, and parsed in place (no thread, or one had died). */
  readonly counts: { readonly threads: number; readonly inPlace: number };
  /**
   * Resolves once every thread has loaded (or `timeoutMs` passed): a worker starts polling after
   * this, so its first documents do not wait for a thread's modules to load.
   */
  ready(timeoutMs: number): Promise<void>;
  /** Stops the threads once the documents they hold are answered. */
  close(): Promise<void>;
}

/** What a parse thread posts back for one document. */
export type ThreadAnswer =
  | { ready: true }
  | { id: number; out: ParsedItems }
  | { id: number; error: { message: string; reason?: FeedErrorReason; line?: number } };

interface Task {
  readonly req: ParseRequest;
  resolve(out: ParsedItems): void;
  reject(err: unknown): void;
}

interface Thread {
  worker: Worker;
  /** Documents sent, in order: the first is the one being parsed. */
  readonly tasks: Map<number, Task>;
  /** Since when the first of `tasks` is being parsed. */
  busySince: number;
  /** Stopped by the watchdog (its document has failed already). */
  stuck?: boolean;
  /** Resolves when the thread says it is loaded, or stops. */
  readonly loaded: Promise<void>;
}

/** The thread entry next to this module: the compiled .js, or the .ts source run with tsx. */
function defaultEntry(): URL {
  return new URL(
    import.meta.url.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js',
    import.meta.url,
  );
}

/** tsx's ESM loader API (its `import` export: the CommonJS one registers a wrong path). */
function tsxLoaderApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const api = pkg.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(path.join(path.dirname(manifest), api)).href;
}

/**
 * Starts a thread on `entry`. A TypeScript entry (development, tests: `npm start` runs tsx) is
 * loaded through tsx's loader, which a worker thread does not inherit on Node 20.
 */
function startThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsx = tsxLoaderApi();
  const boot =
    `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); ` +
    `return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true });
}

export interface ParsePoolOptions {
  readonly log?: Logger;
  /** The thread's script (tests give one that crashes); default parse-worker next to this. */
  readonly entry?: URL;
  /** Called for each document answered: by a thread, or parsed in place. */
  readonly onParsed?: (where: 'thread' | 'in_place') => void;
  /** Called when a thread stops unexpectedly. */
  readonly onThreadStop?: () => void;
  /** Before a dead thread is started again (default 1 s; doubled while they keep dying). */
  readonly restartMs?: number;
  /** Longest parse of one document before its thread counts as stuck (default 30 s). */
  readonly deadlineMs?: number;
}

class ParsePool implements FeedParser {
  private readonly threads: (Thread | undefined)[];
  private nextId = 1;
  private closed = false;
  /** Per slot: threads in a row that stopped before answering (the restart delay doubles). */
  private readonly failures: number[];
  readonly counts = { threads: 0, inPlace: 0 };
  private readonly watchdog: NodeJS.Timeout | undefined;

  constructor(
    size: number,
    private readonly o: ParsePoolOptions,
  ) {
    this.threads = Array.from({ length: size }, () => undefined);
    this.failures = Array.from({ length: size }, () => 0);
    for (let i = 0; i < size; i += 1) this.start(i);
    if (size === 0) return;
    const deadline = o.deadlineMs ?? 30_000;
    this.watchdog = setInterval(() => this.stopStuck(deadline), Math.min(1000, deadline / 4));
    this.watchdog.unref();
  }

  /** A thread whose current document is over the deadline: that document fails, it stops. */
  private stopStuck(deadlineMs: number): void {
    for (const t of this.threads) {
      // A thread already being stopped keeps its other documents for takeBack.
      if (!t || t.stuck || t.tasks.size === 0 || Date.now() - t.busySince <= deadlineMs) continue;
      const limit = deadlineMs >= 1000 ? `${Math.round(deadlineMs / 1000)} s` : `${deadlineMs} ms`;
      this.fail(t, `parse took longer than ${limit}`);
      t.stuck = true;
      void t.worker.terminate();
    }
  }

  /** Fails the document a thread is parsing (the first it holds) with a parse error. */
  private fail(thread: Thread, why: string): void {
    const [id, task] = thread.tasks.entries().next().value ?? [];
    if (id === undefined || task === undefined) return;
    thread.tasks.delete(id);
    task.reject(new FeedError('parse-error', `parse error: ${why}`));
  }

  parse(req: ParseRequest): Promise<ParsedItems> {
    let best: Thread | undefined;
    for (const t of this.threads)
      if (t && (best === undefined || t.tasks.size < best.tasks.size)) best = t;
    if (this.closed || best === undefined) return this.inPlace(req);
    const thread = best;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (thread.tasks.size === 0) thread.busySince = Date.now();
      thread.tasks.set(id, { req, resolve, reject });
      thread.worker.postMessage({ id, req });
    });
  }

  async ready(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
    await Promise.race([Promise.all(this.threads.map((t) => t?.loaded)), late]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    const live = this.threads.filter((t): t is Thread => t !== undefined);
    // Documents in hand are answered first (the poll loop has stopped sending more).
    for (let waited = 0; live.some((t) => t.tasks.size > 0) && waited < 30_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    this.threads.fill(undefined);
    await Promise.all(live.map((t) => t.worker.terminate()));
    for (const t of live) this.takeBack(t);
  }

  private start(slot: number): void {
    const worker = startThread(this.o.entry ?? defaultEntry());
    let loaded = (): void => undefined;
    const thread: Thread = {
      worker,
      tasks: new Map(),
      busySince: Date.now(),
      loaded: new Promise<void>((r) => (loaded = r)),
    };
    this.threads[slot] = thread;
    // A thread never keeps the process alive on its own.
    worker.unref();
    worker.on('message', (a: ThreadAnswer) => {
      if ('ready' in a) return loaded();
      const task = thread.tasks.get(a.id);
      if (!task) return;
      thread.tasks.delete(a.id);
      thread.busySince = Date.now();
      this.counts.threads += 1;
      this.o.onParsed?.('thread');
      this.failures[slot] = 0;
      if ('out' in a) task.resolve(a.out);
      else
        task.reject(
          a.error.reason
            ? new FeedError(a.error.reason, a.error.message, {
                ...(a.error.line !== undefined ? { line: a.error.line } : {}),
              })
            : new Error(a.error.message),
        );
    });
    worker.on('error', (err) => this.o.log?.error({ err }, 'a feed parse thread failed'));
    worker.once('exit', (code) => {
      loaded();
      if (this.threads[slot] === thread) this.threads[slot] = undefined;
      // The document it was reading may be what killed it: that one fails, not the main thread.
      if (!this.closed && !thread.stuck)
        this.fail(thread, `the parse thread stopped while reading it (exit code ${code})`);
      this.takeBack(thread);
      if (this.closed) return;
      this.o.onThreadStop?.();
      const failures = (this.failures[slot] ?? 0) + 1;
      this.failures[slot] = failures;
      // A thread that cannot start at all is retried ever more slowly (at most once a minute).
      const delay = Math.min(60_000, (this.o.restartMs ?? 1000) * 2 ** (failures - 1));
      this.o.log?.warn(
        { code, restartInMs: delay },
        'a feed parse thread stopped: starting another',
      );
      setTimeout(() => {
        if (!this.closed && this.threads[slot] === undefined) this.start(slot);
      }, delay).unref();
    });
  }

  /** The documents a stopped thread held, parsed in place. */
  private takeBack(thread: Thread): void {
    for (const task of thread.tasks.values())
      this.inPlace(task.req).then(task.resolve, task.reject);
    thread.tasks.clear();
  }

  private inPlace(req: ParseRequest): Promise<ParsedItems> {
    this.counts.inPlace += 1;
    this.o.onParsed?.('in_place');
    return parseItems(req);
  }
}

/** `threads` parse threads (`pipeline.parseThreads`); with 0 every document is parsed in place. */
export function createFeedParser(threads: number, options: ParsePoolOptions = {}): FeedParser {
  return new ParsePool(threads, options);
}
