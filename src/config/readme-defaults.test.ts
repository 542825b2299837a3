/**
 * The README's configuration table is what operators read: each default it states must be the
 * one sitrep runs with (config/default.yml over the schema). It once said 32 fetches at once
 * while the shipped file said 8.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../domain/duration.js';
import { loadConfig } from './load-config.js';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md');

/** `| \`key.path\` | \`value\` …` rows whose value is one scalar. */
function documentedDefaults(): [string, string][] {
  const rows: [string, string][] = [];
  for (const line of readFileSync(README, 'utf8').split('\n')) {
    const m = /^\|\s*`([a-zA-Z]+(?:\.[a-zA-Z]+)*)`\s*\|\s*`([^`]*)`/.exec(line);
    if (m?.[1] && m[2] !== undefined && !/^[[{]/.test(m[2])) rows.push([m[1], m[2]]);
  }
  return rows;
}

function valueAt(config: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((v, part) => (v as Record<string, unknown> | undefined)?.[part], config);
}

/** The documented text read as the loaded value's type (a duration in ms for numbers). */
function asLoaded(text: string, loaded: unknown): unknown {
  if (typeof loaded === 'boolean') return text === 'true';
  if (typeof loaded === 'number')
    return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : parseDuration(text);
  // Paths are documented relative to the project and loaded absolute.
  if (typeof loaded === 'string' && path.isAbsolute(loaded) && !path.isAbsolute(text))
    return path.resolve(path.dirname(README), text);
  return text;
}

describe('README configuration table', () => {
  const config = loadConfig({ env: {} });
  const rows = documentedDefaults().filter(([key]) => valueAt(config, key) !== undefined);

  it('documents many settings (the table is found)', () => {
    expect(rows.length).toBeGreaterThan(40);
  });

  it.each(rows)('states the shipped default of %s', (key, text) => {
    const loaded = valueAt(config, key);
    expect(asLoaded(text, loaded), `${key}: README says ${text}`).toEqual(loaded);
  });
});
