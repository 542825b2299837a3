import { spawn } from 'node:child_process';

/** What one `feed parse --jsonl` line says about a file. */
export interface FileResult {
  file: string;
  ok: boolean;
  output?: CliOutput;
  error?: string;
  /** Set when the file made the parser fail in a way it should not: a defect. */
  crash?: string;
}

export interface CliOutput {
  feed: { title: string; link: string; description: string };
  items: Array<Record<string, string | null>>;
}

/** The command line that runs this very CLI again (through tsx when that is how we run). */
function selfCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: [...process.execArgv, process.argv[1] ?? ''] };
}

function runBatch(
  files: string[],
  timeoutMs: number,
): Promise<{ lines: FileResult[]; code: number | null; stderr: string }> {
  const { command, args } = selfCommand();
  return new Promise((resolve) => {
    const child = spawn(command, [...args, 'feed', 'parse', '--jsonl', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as FileResult);
      resolve({
        lines,
        code: signal ? null : code,
        stderr: signal ? `killed (${signal}) after ${timeoutMs} ms\n${stderr}` : stderr,
      });
    });
  });
}

/**
 * Parses `files` in child processes of the CLI, `batchSize` files each, `jobs` at a time. When a
 * child dies (uncaught exception, hang, non-zero exit), the first file it did not report is the
 * culprit: it is recorded as a crash and the rest of its batch runs again in a new child.
 */
export async function parseInBatches(
  files: string[],
  options: { batchSize: number; jobs: number; timeoutMs: number },
): Promise<Map<string, FileResult>> {
  const results = new Map<string, FileResult>();
  const queue: string[][] = [];
  for (let i = 0; i < files.length; i += options.batchSize)
    queue.push(files.slice(i, i + options.batchSize));
  const worker = async (): Promise<void> => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const { lines, code, stderr } = await runBatch(batch, options.timeoutMs);
      for (const line of lines) results.set(line.file, line);
      const rest = batch.filter((f) => !results.has(f));
      const culprit = rest[0];
      if (culprit === undefined) continue;
      const why = stderr.trim().split('\n').slice(0, 3).join(' | ') || `exit code ${String(code)}`;
      results.set(culprit, { file: culprit, ok: false, error: 'process crashed', crash: why });
      if (rest.length > 1) queue.push(rest.slice(1));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, () => worker()));
  return results;
}
