import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AppError, errorMessage } from '../domain/errors.js';

/** Reads and parses one YAML file; errors name the file (`what` says what it is for). */
export function parseYamlFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('CONFIG_UNREADABLE', `cannot read ${what} ${file}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new AppError(
      'CONFIG_INVALID',
      `${what} ${file} is not valid YAML: ${errorMessage(err)}`,
      {
        cause: err,
      },
    );
  }
}
