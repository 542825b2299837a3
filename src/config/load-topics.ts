import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AppError, errorMessage } from '../domain/errors.js';
import { topicProfileSchema, type TopicProfile } from '../match/topic-profile.js';
import { readYamlFile } from './read-yaml-file.js';

/** Reads one topic profile (config/topics/<id>.yml). */
export function loadTopic(file: string): TopicProfile {
  return readYamlFile(file, topicProfileSchema, 'topic file');
}

/** Reads every `*.yml` / `*.yaml` topic file of a folder, sorted by file name; ids must be unique. */
export function loadTopics(dir: string): TopicProfile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n));
  } catch (err) {
    throw new AppError(
      'CONFIG_UNREADABLE',
      `cannot read topics folder ${dir}: ${errorMessage(err)}`,
      {
        cause: err,
      },
    );
  }
  const topics = names.sort().map((n) => loadTopic(path.join(dir, n)));
  const seen = new Set<string>();
  for (const t of topics) {
    if (seen.has(t.id))
      throw new AppError('CONFIG_INVALID', `topics folder ${dir}: duplicate topic id "${t.id}"`);
    seen.add(t.id);
  }
  if (topics.length === 0)
    throw new AppError('CONFIG_INVALID', `topics folder ${dir} holds no topic files`);
  return topics;
}
