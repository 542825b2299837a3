import { parseArgs } from 'node:util';
import { EMPTY_CLUSTER_STATE, type ClusterState } from '../incident/cluster/cluster-state.js';
import { processReport, type ClusterItem } from '../incident/process-report.js';
import { summariseIncident } from '../summary/summarise.js';
import { buildMatcher } from './build-matcher.js';
import { toMatchInput, type ClassifyItem } from './classify-input.js';
import { writeLine, type CliIo } from './io.js';
import { processItemLines } from './item-lines.js';

const USAGE = `usage: sitrep cluster [--input FILE] [--verbose]
       sitrep cluster tune --input FILE [--input FILE ...]   (sitrep cluster tune --help)

Reads JSON lines {id, title, summary, content?, published?, source?, url?} from FILE or stdin,
processes them in the given order and writes one JSON line per item:
  {"id", "incident": "<incident id>"|null}
"incident" is null when the item matches no topic. --verbose adds "kind" (new | update |
duplicate). Blank lines are skipped; a bad line is reported on stderr with its line number and
gets {"id", "incident": null, "error"}; the exit code is then 1.`;

export function toClusterItem(item: ClassifyItem, n: number): ClusterItem {
  return {
    id: item.id === null || item.id === undefined ? `line-${n}` : String(item.id),
    title: item.title,
    summary: item.summary ?? '',
    ...(item.content ? { content: item.content } : {}),
    published: item.published ?? null,
    ...(item.source ? { source: item.source } : {}),
    ...(item.url ? { url: item.url } : {}),
  };
}

/** `sitrep cluster`: topic match, then online clustering into incidents (evaluation contract). */
export async function run(args: string[], io: CliIo): Promise<number> {
  if (args[0] === 'tune') {
    const tune = await import('./cluster-tune/tune.command.js');
    return tune.run(args.slice(1), io);
  }
  const { values } = parseArgs({
    args,
    options: {
      input: { type: 'string', short: 'i' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  const { matcher, vocabulary, cluster } = buildMatcher();
  const deps = { vocabulary, summarise: summariseIncident, config: cluster };
  let state: ClusterState = EMPTY_CLUSTER_STATE;
  return processItemLines('cluster', values.input, io, {
    done: 'clustered',
    invalid: (id, error) => ({ id, incident: null, error }),
    item: (item, n) => {
      const m = matcher.match(toMatchInput(item));
      if (!m.match) return { id: item.id ?? null, incident: null };
      const r = processReport(state, toClusterItem(item, n), m, new Date(), deps);
      state = r.state;
      const out = { id: item.id ?? null, incident: r.incident.id };
      return values.verbose ? { ...out, kind: r.kind } : out;
    },
  });
}
