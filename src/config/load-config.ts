import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { configSchema, type Config } from './schema.js';
import { parseYamlFile } from './yaml-file.js';

/** The package root: config/default.yml and the default topic files live below it. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CONFIG_PATH = path.join(PACKAGE_ROOT, 'config', 'default.yml');

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadOptions {
  /** The environment to read (REDIS_URL, LOG_LEVEL, SITREP_CONFIG, ...). Defaults to process.env. */
  env?: Env;
  /** Extra config layered on top of the files (used by the CLI and tests). */
  overrides?: Record<string, unknown>;
  /** Read this file instead of config/default.yml as the base layer. */
  basePath?: string;
}

type Tree = Record<string, unknown>;

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge: objects merge key by key; arrays and scalars from `over` replace those of `base`. */
export function mergeConfig(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isTree(prev) && isTree(value) ? mergeConfig(prev, value) : value;
  }
  return out;
}

function readYaml(file: string): Tree {
  const doc = parseYamlFile(file, 'config file');
  if (doc === null || doc === undefined) return {};
  if (!isTree(doc)) throw new AppError('CONFIG_INVALID', `config file ${file} must hold a mapping`);
  return resolvePaths(doc, path.dirname(file));
}

/** Paths inside a YAML file are relative to that file's folder's parent (the project root). */
function resolvePaths(doc: Tree, dir: string): Tree {
  const match = doc['match'];
  if (!isTree(match)) return doc;
  const root = path.basename(dir) === 'config' ? path.dirname(dir) : dir;
  const fixed: Tree = { ...match };
  for (const key of ['topicsDir', 'gazetteer', 'lexicon', 'model']) {
    const v = fixed[key];
    if (typeof v === 'string') fixed[key] = path.resolve(root, v);
  }
  return { ...doc, match: fixed };
}

function envLayer(env: Env): Tree {
  const layer: Tree = {};
  if (env['LOG_LEVEL']) layer['logLevel'] = env['LOG_LEVEL'];
  if (env['LOG_FORMAT']) layer['log'] = { format: env['LOG_FORMAT'] };
  if (env['REDIS_URL']) layer['redis'] = { url: env['REDIS_URL'] };
  const http: Tree = {};
  if (env['SITREP_HTTP_PORT']) http['port'] = Number(env['SITREP_HTTP_PORT']);
  if (env['SITREP_HTTP_HOST']) http['host'] = env['SITREP_HTTP_HOST'];
  if (Object.keys(http).length > 0) layer['http'] = http;
  if (env['SITREP_WEBSUB_CALLBACK_URL'])
    layer['websub'] = { callbackUrl: env['SITREP_WEBSUB_CALLBACK_URL'] };
  const slack = pick(env, {
    SLACK_BOT_TOKEN: 'botToken',
    SLACK_APP_TOKEN: 'appToken',
    SLACK_SIGNING_SECRET: 'signingSecret',
    SLACK_MODE: 'mode',
    SLACK_HOST: 'host',
    SLACK_PORT: 'port',
    SLACK_API_URL: 'apiUrl',
    SLACK_ADMINS: 'admins',
  });
  if (slack) layer['slack'] = slack;
  const discord = pick(env, {
    DISCORD_TOKEN: 'token',
    DISCORD_APP_ID: 'appId',
    DISCORD_API_URL: 'apiUrl',
    DISCORD_ADMINS: 'admins',
    DISCORD_PUBLIC_KEY: 'publicKey',
    DISCORD_INTERACTIONS_HOST: 'interactionsHost',
    DISCORD_INTERACTIONS_PORT: 'interactionsPort',
  });
  if (discord) layer['discord'] = discord;
  return layer;
}

/** Environment variables → config keys; `*_PORT` become numbers, `*_ADMINS` comma lists. */
function pick(env: Env, names: Record<string, string>): Tree | undefined {
  const out: Tree = {};
  for (const [name, key] of Object.entries(names)) {
    const v = env[name];
    if (!v) continue;
    if (name.endsWith('_PORT')) out[key] = Number(v);
    else if (name.endsWith('_ADMINS'))
      out[key] = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const pathText = (path: readonly PropertyKey[]): string =>
  path.length > 0 ? path.map(String).join('.') : '(root)';

/** Formats every zod issue as "path: message" on its own line (one per unknown key). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .flatMap((i) => {
      if (i.code !== 'unrecognized_keys') return [`  - ${pathText(i.path)}: ${i.message}`];
      const lines = i.message.split('\n');
      return i.keys.map((key, n) => `  - ${pathText([...i.path, key])}: ${lines[n] ?? i.message}`);
    })
    .join('\n');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads config/default.yml, then the file named by SITREP_CONFIG, then the environment, then
 * `overrides`; validates the result with one schema. Throws one AppError listing every problem.
 */
export function loadConfig(options: LoadOptions = {}): Readonly<Config> {
  const env = options.env ?? process.env;
  let tree = readYaml(options.basePath ?? DEFAULT_CONFIG_PATH);
  const extra = env['SITREP_CONFIG'];
  if (extra) tree = mergeConfig(tree, readYaml(path.resolve(extra)));
  tree = mergeConfig(tree, envLayer(env));
  if (options.overrides) tree = mergeConfig(tree, options.overrides);
  const result = configSchema.safeParse(tree);
  if (!result.success) {
    throw new AppError(
      'CONFIG_INVALID',
      `invalid configuration:\n${formatIssues(result.error.issues)}`,
    );
  }
  const ids = new Set<string>();
  const dupes = result.data.feeds.filter((f) => (ids.has(f.id) ? true : (ids.add(f.id), false)));
  if (dupes.length > 0) {
    throw new AppError(
      'CONFIG_INVALID',
      `invalid configuration:\n${dupes.map((f) => `  - feeds: duplicate feed id "${f.id}"`).join('\n')}`,
    );
  }
  return deepFreeze(result.data);
}
