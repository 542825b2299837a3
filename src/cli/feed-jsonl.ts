import { writeLine, type CliIo } from './io.js';
import { feedReport, readFeedSource } from './feed-source.js';

/**
 * `sitrep feed parse --jsonl FILE...`: the same reading as `feed parse`, one compact JSON line
 * per file, so a corpus run can parse many files per process and still attribute a crash.
 */
export async function runJsonl(files: string[], io: CliIo): Promise<number> {
  for (const file of files) {
    const result = await readFeedSource(file);
    const line = result.ok
      ? { file, ok: true, output: feedReport(result.feed, result.fetchedAt) }
      : {
          file,
          ok: false,
          error: result.message,
          ...(result.crash ? { crash: result.crash.stack ?? result.crash.message } : {}),
        };
    writeLine(io.stdout, JSON.stringify(line));
  }
  return 0;
}
