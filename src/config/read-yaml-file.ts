import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppError, errorMessage } from '../domain/errors.js';
import { formatIssues } from './load-config.js';

/** Reads one YAML file and validates it with `schema`; errors name the file and every bad path. */
export function readYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  what: string,
): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('CONFIG_UNREADABLE', `cannot read ${what} ${file}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new AppError(
      'CONFIG_INVALID',
      `${what} ${file} is not valid YAML: ${errorMessage(err)}`,
      {
        cause: err,
      },
    );
  }
  const result = schema.safeParse(doc ?? {});
  if (!result.success) {
    throw new AppError(
      'CONFIG_INVALID',
      `invalid ${what} ${file}:\n${formatIssues(result.error.issues)}`,
      {
        cause: result.error,
      },
    );
  }
  return result.data;
}
