#!/usr/bin/env node
// Runs the compiled CLI when it exists (after `npm ci`, which builds it); otherwise runs the
// TypeScript sources through tsx so a checkout works before a build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/index.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/index.ts', import.meta.url).href);
}
