import type { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { parseYamlFile } from './yaml-file.js';
import { formatIssues } from './load-config.js';

/** Reads one YAML file and validates it with `schema`; errors name the file and every bad path. */
export function readYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  what: string,
): z.output<S> {
  const doc = parseYamlFile(file, what);
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
