import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../domain/errors.js';
import { parseInBatches, type FileResult } from './feed-corpus-batch.js';
import { agrees, TITLE_LINK, type ManifestEntry } from './feed-corpus-checks.js';
import { writeLine, type CliIo } from './io.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function readManifest(file: string): ManifestEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ManifestEntry);
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

interface Tally {
  agreed: number;
  total: number;
  misses: string[];
}

function tallyChecks(dir: string, manifest: ManifestEntry[], results: Map<string, FileResult>) {
  const all: Tally = { agreed: 0, total: 0, misses: [] };
  const simple: Tally = { agreed: 0, total: 0, misses: [] };
  let skipped = 0;
  for (const entry of manifest) {
    const result = results.get(path.join(dir, entry.file));
    for (const check of entry.checks ?? []) {
      const ok = agrees(check, result?.output);
      if (ok === undefined) {
        skipped += 1;
        continue;
      }
      for (const t of TITLE_LINK.has(check.path) ? [all, simple] : [all]) {
        t.total += 1;
        if (ok) t.agreed += 1;
        else t.misses.push(`${entry.file} ${check.path}`);
      }
    }
  }
  return { all, simple, skipped };
}

/** `sitrep feed corpus DIR [--manifest FILE]`: conformance of the feed reader on a corpus. */
export async function runCorpus(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      manifest: { type: 'string' },
      jobs: { type: 'string', default: String(Math.max(1, os.availableParallelism())) },
      batch: { type: 'string', default: '100' },
      verbose: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '120' },
    },
  });
  const dir = positionals[0];
  if (!dir || !existsSync(dir))
    throw new UserError('USAGE', 'give the corpus directory: sitrep feed corpus DIR');
  const files = listFiles(dir);
  const started = Date.now();
  const results = await parseInBatches(files, {
    batchSize: Number(values.batch),
    jobs: Number(values.jobs),
    timeoutMs: Number(values.timeout) * 1000,
  });
  const all = [...results.values()];
  const crashed = all.filter((r) => r.crash !== undefined);
  const parsed = all.filter((r) => r.ok);
  const wellFormed = files.filter((f) =>
    /(?:^|\/)(?:feedparser\/wellformed|rss-parser\/input)\//.test(path.relative(dir, f)),
  );
  const wellRead = wellFormed.filter((f) => results.get(f)?.ok);
  const out = (line: string): void => writeLine(io.stdout, line);
  out(`files: ${files.length} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  out(
    `parsed: ${parsed.length}  failed cleanly: ${all.length - parsed.length - crashed.length}  crashed: ${crashed.length}`,
  );
  out(
    `well-formed read: ${wellRead.length}/${wellFormed.length} (${pct(wellRead.length, wellFormed.length)})`,
  );
  const manifestFile = values.manifest ?? path.join(dir, 'feedparser-manifest.jsonl');
  if (existsSync(manifestFile)) {
    const { all: checks, simple, skipped } = tallyChecks(dir, readManifest(manifestFile), results);
    out(
      `title/link checks agreed: ${simple.agreed}/${simple.total} (${pct(simple.agreed, simple.total)})`,
    );
    out(
      `all compared checks agreed: ${checks.agreed}/${checks.total} (${pct(checks.agreed, checks.total)}); not compared: ${skipped}`,
    );
    if (values.verbose) for (const m of checks.misses) out(`  disagree: ${m}`);
  }
  for (const c of crashed)
    out(`  CRASH ${path.relative(dir, c.file)}: ${c.crash?.split('\n')[0] ?? ''}`);
  if (values.verbose) {
    for (const f of wellFormed.filter((x) => !results.get(x)?.ok)) {
      out(`  unread: ${path.relative(dir, f)}: ${results.get(f)?.error ?? 'no result'}`);
    }
  }
  return crashed.length > 0 ? 1 : 0;
}
