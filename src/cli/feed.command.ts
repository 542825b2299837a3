import { parseArgs } from 'node:util';
import { UserError } from '../domain/errors.js';
import { writeLine, type CliIo } from './io.js';
import { readFeedSource, feedReport } from './feed-source.js';

const USAGE = `usage: sitrep feed parse FILE|URL [--content-type TYPE] [--compact]
       sitrep feed parse --jsonl FILE...
       sitrep feed corpus DIR [--manifest FILE] [--jobs N] [--batch N] [--timeout SECONDS] [--verbose]

parse   reads a feed document (a file, or an http(s) URL fetched with the configured limits)
        and prints {"feed": {title, link, description}, "items": [{id, guid, title, link,
        summary, published, updated, author}]} as pretty JSON (--compact: one line).
        A document that is not a readable feed: one line on stderr, exit code 1.
        --jsonl: one compact JSON line per file, {file, ok, output | error, crash}; exit 0.
corpus  runs \`feed parse\` on every file under DIR in batches of child processes and prints
        parsed / failed cleanly / crashed, and agreement with the manifest's checks.
        Exit code 1 when anything crashed.`;

async function parseCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'content-type': { type: 'string' },
      compact: { type: 'boolean', default: false },
      jsonl: { type: 'boolean', default: false },
    },
  });
  if (values.jsonl) return (await import('./feed-jsonl.js')).runJsonl(positionals, io);
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) {
    throw new UserError('USAGE', 'give exactly one FILE or URL (see sitrep feed --help)');
  }
  const result = await readFeedSource(source, values['content-type']);
  if (!result.ok) {
    writeLine(io.stderr, `sitrep feed parse: ${source}: ${result.message}`);
    return 1;
  }
  const report = feedReport(result.feed, result.fetchedAt);
  writeLine(io.stdout, values.compact ? JSON.stringify(report) : JSON.stringify(report, null, 2));
  return 0;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  if (sub === 'parse') return parseCommand(rest, io);
  if (sub === 'corpus') return (await import('./feed-corpus.js')).runCorpus(rest, io);
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  writeLine(io.stderr, USAGE);
  return 2;
}
