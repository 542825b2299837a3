// Lint rules that encode the layout in docs/ARCHITECTURE (see README): imports point inward,
// the pure core imports no I/O library, and there are no import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import boundaries from 'eslint-plugin-boundaries';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const PURE = [
  'domain',
  'gazetteer',
  'match',
  'incident',
  'summary',
  'subscription',
  'alert',
  'command',
  'article',
];
const IO_MODULES = [
  'bullmq',
  'ioredis',
  'discord.js',
  '@discordjs/*',
  '@slack/*',
  'undici',
  'pino',
  'pino-pretty',
  'prom-client',
  'rss-parser',
  'fs',
  'node:fs',
  'node:fs/promises',
  'node:http',
  'node:https',
  'node:net',
  'node:child_process',
];
const NO_IO_IMPORTS = [
  'error',
  {
    paths: IO_MODULES.filter((m) => !m.includes('*')),
    patterns: IO_MODULES.filter((m) => m.includes('*')),
  },
];
// src/incident holds two subsystems under process-report.ts: extraction (extract/) and
// clustering (cluster/). Clustering reads what extraction produces; extraction knows nothing of
// clustering.
const INCIDENT = ['incident', 'incident-extract', 'incident-cluster'];
const PURE_TYPES = [...PURE, 'incident-extract', 'incident-cluster'];
const elementTypes = [
  ...PURE_TYPES,
  'config',
  'log',
  'feed',
  'map',
  'feed-admin',
  'store-port',
  'store-redis',
  'queue',
  'chat',
  'chat-console',
  'chat-slack',
  'chat-discord',
  'http',
  'cli',
  'main',
];
const pureAndPorts = [...PURE_TYPES, 'store-port'];
const allow = (from, to) => ({
  from: { element: { type: from } },
  allow: { to: { element: { types: { anyOf: to } } } },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX, boundaries },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/include': ['src/**/*.ts'],
      'boundaries/elements': [
        { type: 'store-redis', pattern: 'src/store/redis', partialMatch: false },
        { type: 'incident-extract', pattern: 'src/incident/extract', partialMatch: false },
        { type: 'incident-cluster', pattern: 'src/incident/cluster', partialMatch: false },
        { type: 'store-port', pattern: 'src/store', partialMatch: false },
        { type: 'feed-admin', pattern: 'src/feed/admin', partialMatch: false },
        { type: 'chat-console', pattern: 'src/chat/console', partialMatch: false },
        { type: 'chat-slack', pattern: 'src/chat/slack', partialMatch: false },
        { type: 'chat-discord', pattern: 'src/chat/discord', partialMatch: false },
        { type: 'chat', pattern: 'src/chat', partialMatch: false },
        ...elementTypes
          .filter(
            (t) =>
              ![
                'main',
                'store-redis',
                'store-port',
                'feed-admin',
                'chat',
                'chat-console',
                'chat-slack',
                'chat-discord',
                'incident-extract',
                'incident-cluster',
              ].includes(t),
          )
          .map((t) => ({ type: t, pattern: `src/${t}`, partialMatch: false })),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            allow('domain', ['domain']),
            allow('gazetteer', ['domain', 'gazetteer']),
            allow('match', ['domain', 'gazetteer', 'match']),
            allow('incident-extract', ['domain', 'gazetteer', 'incident-extract']),
            allow('incident-cluster', [
              'domain',
              'gazetteer',
              'incident-extract',
              'incident-cluster',
            ]),
            allow('incident', ['domain', 'gazetteer', ...INCIDENT]),
            // article: the main text of a page (Readability over linkedom), no I/O.
            allow('article', ['domain', 'incident-extract', 'article']),
            allow('summary', ['domain', 'gazetteer', ...INCIDENT, 'summary']),
            allow('subscription', ['domain', 'gazetteer', ...INCIDENT, 'subscription']),
            allow('alert', [...PURE_TYPES]),
            allow('command', [...pureAndPorts]),
            // config loads YAML and builds the pure gazetteer, matcher and extraction vocabulary.
            allow('config', [
              'domain',
              'gazetteer',
              'match',
              'incident-extract',
              'incident-cluster',
              'config',
            ]),
            // map: incident maps drawn as SVG and rasterised (reads the packaged basemap and font).
            // (its tests load the shipped gazetteer through config).
            allow('map', ['domain', 'gazetteer', 'config', 'map']),
            allow('log', ['domain', 'config', 'log']),
            // store/ holds persistence ports only (interfaces over domain types); store/redis/
            // their Redis adapters, built by main.ts alone.
            allow('store-port', ['domain', 'store-port']),
            allow('store-redis', [...pureAndPorts, 'store-redis', 'config', 'log']),
            // feed/websub keeps its subscriptions behind a store port (the lease store).
            allow('feed', ['domain', 'config', 'log', 'store-port', 'feed']),
            // Feed administration implements the command core's feed ports over the feed
            // client and the feed stores.
            allow('feed-admin', [
              'domain',
              'config',
              'feed',
              'store-port',
              'command',
              'feed-admin',
            ]),
            // The queue stages deliver through the chat port (src/chat/*.ts: ChatPlatform,
            // ChatError), never through a platform's adapter.
            allow('queue', [
              ...pureAndPorts,
              'config',
              'log',
              'feed',
              'feed-admin',
              'chat',
              'map',
              'queue',
            ]),
            // src/chat/*.ts: the chat port and the front-end contract.
            allow('chat', [...pureAndPorts, 'config', 'log', 'chat']),
            // Each platform's adapter stays in its own folder; none imports another.
            allow('chat-console', [...pureAndPorts, 'chat', 'chat-console']),
            allow('chat-slack', [...pureAndPorts, 'config', 'log', 'chat', 'chat-slack']),
            allow('chat-discord', [...pureAndPorts, 'config', 'log', 'chat', 'chat-discord']),
            allow('http', [...pureAndPorts, 'config', 'log', 'queue', 'http']),
            allow('cli', elementTypes),
            allow('main', elementTypes),
          ],
        },
      ],
    },
  },
  {
    // The pure core does no I/O: no queues, Redis, chat SDKs, HTTP, files or logging.
    files: PURE.map((folder) => `src/${folder}/**/*.ts`),
    // Tests may read the shipped config files (test helpers live under test/, never in src/).
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': NO_IO_IMPORTS,
    },
  },
  {
    // Ports are interfaces: the persistence ports (src/store/*.ts, adapters in src/store/redis/)
    // and the chat port and front-end contract (src/chat/*.ts, adapters in src/chat/<platform>/)
    // import no Redis, queue, chat SDK, HTTP or file module.
    files: ['src/store/*.ts', 'src/chat/*.ts'],
    rules: {
      'no-restricted-imports': NO_IO_IMPORTS,
    },
  },
  {
    // Unit test files share one module cache (vitest.config.ts: isolate false), so none may
    // mock modules or change globals, timers or the environment.
    files: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'stubGlobal', 'stubEnv', 'useFakeTimers', 'spyOn'].map(
          (property) => ({
            object: 'vi',
            property,
            message: 'unit tests share modules (isolate: false): write an integration test instead',
          }),
        ),
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'src/**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
