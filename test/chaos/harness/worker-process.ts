/**
 * Starts the worker in a child process (tsx on the sources, or the compiled `bin/sitrep.js
 * start` as production runs it), waits until it runs, samples its
 * resident memory from /proc, and kills it (SIGKILL for a crash, SIGTERM for a clean stop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = path.join(ROOT, 'test/chaos/harness/worker-entry.ts');
const CLI = path.join(ROOT, 'src/cli/index.ts');

/** The image's command line (Dockerfile CMD: node, its V8 flags, bin/sitrep.js start), minus `node`. */
function productionArgs(): string[] {
  const cmd = /^CMD (\[.*\])\s*$/m.exec(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  const argv = JSON.parse(cmd?.[1] ?? '[]') as string[];
  if (argv[0] !== 'node' || !argv.includes('bin/sitrep.js'))
    throw new Error('Dockerfile CMD is not `node … bin/sitrep.js start`');
  return argv.slice(1).map((a) => (a === 'bin/sitrep.js' ? path.join(ROOT, a) : a));
}

export interface WorkerSpec {
  /** The YAML file given as SITREP_CONFIG. */
  readonly configPath: string;
  /** Fake chat API for HttpChatPlatform; absent: alerts as JSON lines on stdout. */
  readonly chatUrl?: string;
  /** The chat API cannot be asked for earlier posts (no findPosted: at-least-once). */
  readonly noFind?: boolean;
  /** Run the real `sitrep start` (Slack etc. from `env`) instead of the test entry. */
  readonly cli?: boolean;
  /**
   * Run the Dockerfile's CMD (`node <V8 flags> bin/sitrep.js start`): the compiled dist/ (build
   * it first; without dist/ the script falls back to tsx). Alerts go to the console front end
   * on stdout.
   */
  readonly compiled?: boolean;
  readonly env?: Record<string, string>;
}

export interface WorkerProcess {
  readonly pid: number;
  /** stdout lines (console alerts) and stderr lines (pino JSON logs). */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Highest resident set size seen by `sample()`, in bytes. */
  peakRss: number;
  ready(timeoutMs?: number): Promise<void>;
  sample(): number;
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

/** Resident set size of a process in bytes (Linux /proc), 0 when unknown. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function lines(
  child: ChildProcess,
  stream: 'stdout' | 'stderr',
  into: string[],
  onLine: () => void,
) {
  let rest = '';
  child[stream]?.setEncoding('utf8');
  child[stream]?.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    into.push(...parts);
    onLine();
  });
}

export function startWorker(spec: WorkerSpec): WorkerProcess {
  const args = spec.compiled
    ? [...productionArgs(), '--json']
    : spec.cli
      ? ['--import', 'tsx', CLI, 'start']
      : [
          '--import',
          'tsx',
          ENTRY,
          ...(spec.chatUrl ? ['--chat', spec.chatUrl] : []),
          ...(spec.noFind ? ['--no-find'] : []),
        ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, SITREP_CONFIG: spec.configPath, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let wake = (): void => undefined;
  const isReady = () =>
    stderr.some((l) => l.includes('WORKER READY') || l.includes('sitrep worker started'));
  lines(child, 'stdout', stdout, () => wake());
  lines(child, 'stderr', stderr, () => wake());
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const proc: WorkerProcess = {
    pid: child.pid ?? -1,
    stdout,
    stderr,
    peakRss: 0,
    exited,
    sample() {
      const rss = rssOf(this.pid);
      this.peakRss = Math.max(this.peakRss, rss);
      return rss;
    },
    async ready(timeoutMs = 30_000) {
      if (isReady()) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`worker not ready:\n${stderr.slice(-20).join('\n')}`)),
          timeoutMs,
        );
        wake = () => {
          if (!isReady()) return;
          clearTimeout(timer);
          resolve();
        };
        void exited.then((code) => {
          clearTimeout(timer);
          reject(
            new Error(
              `worker exited (${code}) before it was ready:\n${stderr.slice(-20).join('\n')}`,
            ),
          );
        });
      });
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  return proc;
}
