/**
 * Topic-matcher throughput on synthetic items (generated here, not the eval set): short items
 * (headline + two-sentence summary) and long ones (~700 words of content), on one core, plus the
 * heap the matcher holds. `run()` returns a markdown section for bench/index.ts.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/config/load-config.js';
import { loadMatcher } from '../src/config/load-matcher.js';
import { configSchema } from '../src/config/schema.js';
import type { MatchInput } from '../src/match/item-text.js';

const PLACES = [
  'Ain al-Asad',
  'Erbil',
  'Deir ez-Zor',
  'Kirkuk',
  'Baghdad',
  'Hasakah',
  'Kabul',
  'Basra',
  'Warsaw',
  'Sanaa',
];
const ACTORS = [
  'US forces',
  'the coalition',
  "Kata'ib Hezbollah",
  'ISIS',
  'Iraqi police',
  'the national team',
  'Houthis',
  'the ministry',
];
const EVENTS = [
  'a drone attack',
  'a rocket attack',
  'an airstrike',
  'a raid',
  'talks on withdrawal',
  'oil exports',
  'a football match',
  'a court ruling',
];
const FILLER =
  'Officials said the situation remained calm while residents described hearing several loud sounds overnight. ' +
  'Local media carried statements from the ministry and from community leaders, who called for restraint. ';

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

export function syntheticItem(i: number, longWords = 0): MatchInput {
  const place = pick(PLACES, i);
  const actor = pick(ACTORS, i * 7 + 3);
  const event = pick(EVENTS, i * 5 + 1);
  const title = `${actor} report ${event} near ${place}`;
  const summary = `Reports on day ${i % 31} said ${actor} were involved in ${event} near ${place}. No further details were given.`;
  if (longWords === 0) return { title, summary };
  const words: string[] = [];
  while (words.length < longWords) words.push(...FILLER.split(' '), ...summary.split(' '));
  return { title, summary, content: words.slice(0, longWords).join(' ') };
}

function throughput(
  match: (i: MatchInput) => unknown,
  items: readonly MatchInput[],
  seconds: number,
): number {
  for (const it of items.slice(0, 200)) match(it); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    for (let k = 0; k < 100; k += 1) match(items[(n + k) % items.length] as MatchInput);
    n += 100;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return n / elapsed;
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function run(): Promise<string> {
  const root = (p: string): string => path.join(PACKAGE_ROOT, p);
  const match = configSchema.parse({
    match: {
      topicsDir: root('config/topics'),
      gazetteer: root('config/gazetteer.yml'),
      lexicon: root('config/lexicon.yml'),
    },
  }).match;
  const before = heapUsed();
  const built = loadMatcher(match);
  const heap = heapUsed() - before;
  const short = Array.from({ length: 2000 }, (_, i) => syntheticItem(i));
  const long = Array.from({ length: 200 }, (_, i) => syntheticItem(i, 700));
  const m = (i: MatchInput): unknown => built.matcher.match(i);
  const shortRate = throughput(m, short, 2);
  const longRate = throughput(m, long, 2);
  const gcNote = (globalThis as { gc?: () => void }).gc
    ? ''
    : ' (run node with --expose-gc for an exact figure)';
  return [
    '## Topic matcher (classify)',
    '',
    '| items | throughput (one core) |',
    '|---|---|',
    `| short: headline + summary (~35 words) | ${Math.round(shortRate).toLocaleString('en-US')} items/s |`,
    `| long: ~700 words of content | ${Math.round(longRate).toLocaleString('en-US')} items/s |`,
    '',
    `Matcher memory (heap delta after loading gazetteer, lexicon, ${built.topics.length} topics and the learned model): ${(heap / 1024 / 1024).toFixed(1)} MB${gcNote}.`,
    'Long items cost at most a few times a short one, not 20 times, because the matcher reads only the lead (match.leadWords).',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await run());
}
