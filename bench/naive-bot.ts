/**
 * The baseline of the end-to-end benchmark: the bot people write first. In one loop it fetches
 * every feed (no conditional GET), parses it with rss-parser, keeps items whose title or summary
 * has a keyword, and "alerts" each new one (remembered by link) by printing a JSON line. Run as
 * a child process: `tsx bench/naive-bot.ts BASE FEEDS SECONDS`; prints one JSON line per pass
 * and per alert.
 */
import Parser from 'rss-parser';

const KEYWORDS = ['drone', 'rocket', 'attack', 'strike', 'us troops', 'militia', 'withdrawal'];
const [base = '', feedsArg = '0', secondsArg = '0'] = process.argv.slice(2);
const parser = new Parser();
const seen = new Set<string>();
const end = Date.now() + Number(secondsArg) * 1000;
let first = true;
while (first || Date.now() < end) {
  const started = Date.now();
  let items = 0;
  for (let i = 0; i < Number(feedsArg); i += 1) {
    const fetchedAt = Date.now();
    const body = await (await fetch(`${base}/f/${i}.xml`)).text();
    const feed = await parser.parseString(body);
    for (const item of feed.items) {
      items += 1;
      const link = item.link ?? '';
      if (seen.has(link)) continue;
      seen.add(link);
      const text = `${item.title ?? ''} ${item.contentSnippet ?? ''}`.toLowerCase();
      const hit = KEYWORDS.some((k) => text.includes(k));
      if (hit && !first)
        process.stdout.write(`${JSON.stringify({ alert: link, fetchedAt, at: Date.now() })}\n`);
    }
  }
  process.stdout.write(
    `${JSON.stringify({ pass: Date.now() - started, items, feeds: Number(feedsArg) })}\n`,
  );
  first = false;
}
