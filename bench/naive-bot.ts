/**
 * The baseline of the end-to-end benchmarks: the bot people write first. It fetches every feed
 * (no conditional GET), parses it with rss-parser, keeps items whose title or summary has a
 * keyword, and "alerts" each new one (remembered by link) by printing a JSON line. Run as a
 * child process; prints one JSON line per pass and per alert.
 *
 *   tsx bench/naive-bot.ts BASE FEEDS SECONDS
 *     one loop over BASE/f/<i>.xml, one feed at a time, as fast as it goes (instant farm)
 *   tsx bench/naive-bot.ts --urls FILE RATE SECONDS
 *     the feeds listed in FILE: a first pass 128 at a time, then round robin at RATE requests/s
 *     (a fixed budget, each request with a 10 s timeout) for SECONDS (realistic farm)
 */
import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';

const KEYWORDS = ['drone', 'rocket', 'attack', 'strike', 'us troops', 'militia', 'withdrawal'];
const parser = new Parser();
const seen = new Set<string>();
const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

async function check(url: string, alert: boolean, timeoutMs?: number): Promise<number> {
  const fetchedAt = Date.now();
  const res = await fetch(url, timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {});
  const body = await res.text();
  const feed = await parser.parseString(body);
  for (const item of feed.items) {
    const link = item.link ?? '';
    if (seen.has(link)) continue;
    seen.add(link);
    const text = `${item.title ?? ''} ${item.contentSnippet ?? ''}`.toLowerCase();
    if (alert && KEYWORDS.some((k) => text.includes(k)))
      out({ alert: link, fetchedAt, at: Date.now() });
  }
  return feed.items.length;
}

async function instantFarm(base: string, feeds: number, seconds: number): Promise<void> {
  const end = Date.now() + seconds * 1000;
  let first = true;
  while (first || Date.now() < end) {
    const started = Date.now();
    let items = 0;
    for (let i = 0; i < feeds; i += 1) items += await check(`${base}/f/${i}.xml`, !first);
    out({ pass: Date.now() - started, items, feeds });
    first = false;
  }
}

async function budgeted(file: string, rate: number, seconds: number): Promise<void> {
  const urls = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) await check(urls[next++] ?? '', false, 10_000).catch(() => 0);
  };
  await Promise.all(Array.from({ length: 128 }, worker));
  out({ pass: Date.now() - started, feeds: urls.length });
  const end = Date.now() + seconds * 1000;
  let inFlight = 0;
  for (let i = 0; Date.now() < end; i += 1) {
    const due = Date.now() + 1000 / rate;
    if (inFlight < 1000) {
      inFlight += 1;
      void check(urls[i % urls.length] ?? '', true, 10_000)
        .catch(() => 0)
        .finally(() => (inFlight -= 1));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  }
}

const args = process.argv.slice(2);
if (args[0] === '--urls') await budgeted(args[1] ?? '', Number(args[2]), Number(args[3]));
else await instantFarm(args[0] ?? '', Number(args[1] ?? 0), Number(args[2] ?? 0));
process.exit(0);
