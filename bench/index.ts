/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each exports `run(): Promise<string>`
 * returning a markdown section) and prints the sections under a header naming the machine.
 * `--write` also replaces docs/BENCHMARKS.md with the result.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run(): Promise<string>;
}

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = path.join(BENCH_DIR, '..', 'docs', 'BENCHMARKS.md');

function isBenchModule(mod: unknown): mod is BenchModule {
  return (
    typeof mod === 'object' && mod !== null && typeof (mod as { run?: unknown }).run === 'function'
  );
}

function header(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return [
    '# Benchmarks',
    '',
    'Produced by `npx tsx bench/index.ts --write` (`npm run bench` prints the same to stdout).',
    '',
    '| | |',
    '|---|---|',
    `| date | ${new Date().toISOString().slice(0, 10)} |`,
    `| node | ${process.version} |`,
    `| CPU | ${cpu} (${cpus().length} logical cores) |`,
    '',
    'Crash, restart and hostile-feed runs (`npm run chaos`) are reported in docs/RELIABILITY.md.',
  ].join('\n');
}

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const sections = [header()];
  for (const file of files) {
    process.stderr.write(`bench: ${file}...\n`);
    const mod: unknown = await import(pathToFileURL(path.join(BENCH_DIR, file)).href);
    if (!isBenchModule(mod)) throw new Error(`${file} does not export run(): Promise<string>`);
    sections.push(await mod.run());
  }
  const text = `${sections.join('\n\n')}\n`;
  process.stdout.write(text);
  if (write) {
    writeFileSync(OUTPUT, text);
    process.stderr.write(`bench: wrote ${path.relative(process.cwd(), OUTPUT)}\n`);
  }
}

await main();
