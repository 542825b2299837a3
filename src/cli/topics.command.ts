import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { UserError } from '../domain/errors.js';
import { PACKAGE_ROOT, loadConfig } from '../config/load-config.js';
import { loadBackground } from '../config/load-background.js';
import { loadGazetteer } from '../config/load-gazetteer.js';
import { loadTopics } from '../config/load-topics.js';
import { deriveProfile } from '../match/profile-builder.js';
import { topicProfileSchema } from '../match/topic-profile.js';
import { writeLine, type CliIo } from './io.js';
import { train } from './topics-train.command.js';

const USAGE = `usage: sitrep topics list
       sitrep topics train --input FILE [--input FILE ...] [--out FILE]  (see: topics train --help)
       sitrep topics build --examples PATH [--examples PATH ...] --id ID [--out FILE]
                           [--background FILE] [--max-terms N]

build derives a topic profile from example articles (text files; PATH is a file or a folder of
*.txt): weighted terms against a general news background (config/background-terms.yml) and the
It writes config/topics/ID.yml (or --out): an existing
file keeps its hand-written parts (title, description, rule, threshold) and gets new derived
parts (terms). The article text itself is never written.`;

function exampleFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p)) throw new UserError('USAGE', `no such file or folder: ${p}`);
    if (!statSync(p).isDirectory()) return [p];
    return readdirSync(p)
      .filter((n) => n.endsWith('.txt'))
      .sort()
      .map((n) => path.join(p, n));
  });
}

async function build(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      examples: { type: 'string', multiple: true },
      id: { type: 'string' },
      out: { type: 'string' },
      background: { type: 'string' },
      'max-terms': { type: 'string' },
    },
  });
  const id = values.id;
  if (!id || !values.examples?.length)
    throw new UserError('USAGE', `--examples and --id are required\n\n${USAGE}`);
  const config = loadConfig();
  const files = exampleFiles(values.examples);
  if (files.length === 0) throw new UserError('USAGE', 'no example files (*.txt) found');
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const background = loadBackground(
    values.background ?? path.join(PACKAGE_ROOT, 'config', 'background-terms.yml'),
  );
  const derived = deriveProfile(texts, loadGazetteer(config.match.gazetteer), background, {
    maxTerms: Number(values['max-terms'] ?? 40),
  });
  const out = values.out ?? path.join(config.match.topicsDir, `${id}.yml`);
  const doc = existsSync(out)
    ? parseDocument(readFileSync(out, 'utf8'))
    : parseDocument(`id: ${id}\ntitle: ${id}\n`);
  doc.set(
    'derivedFrom',
    `sitrep topics build --id ${id} (${files.length} example${files.length === 1 ? '' : 's'})`,
  );
  doc.delete('actors');
  doc.delete('places');
  doc.set('terms', derived.terms);
  const text = doc.toString({ lineWidth: 0 });
  topicProfileSchema.parse(doc.toJS());
  writeFileSync(out, text);
  writeLine(io.stdout, `wrote ${out}: ${derived.terms.length} terms from ${files.length} examples`);
  return 0;
}

function list(io: CliIo): number {
  for (const t of loadTopics(loadConfig().match.topicsDir)) {
    const threshold = t.threshold === undefined ? '' : ` (threshold ${t.threshold})`;
    writeLine(io.stdout, `${t.id.padEnd(20)} ${t.title}${threshold} — ${t.terms.length} terms`);
  }
  return 0;
}

/** `sitrep topics list | build`. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (rest.includes('--help') || rest.includes('-h')) {
    if (sub === 'train') return train(rest, io);
    writeLine(io.stdout, USAGE);
    return 0;
  }
  if (sub === 'list') return list(io);
  if (sub === 'build') return build(rest, io);
  if (sub === 'train') return train(rest, io);
  writeLine(sub === undefined ? io.stderr : io.stdout, USAGE);
  return sub === '--help' || sub === '-h' ? 0 : 2;
}
