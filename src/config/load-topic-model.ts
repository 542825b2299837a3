import { readFileSync } from 'node:fs';
import { AppError, errorMessage } from '../domain/errors.js';
import { createTopicModel, topicModelSchema, type TopicModel } from '../match/model/topic-model.js';
import { formatIssues } from './load-config.js';

/** Reads the learned topic model (config/topic-model.json); a missing or broken file is a clear error. */
export function loadTopicModel(file: string, topicIds: readonly string[]): TopicModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError(
      'CONFIG_UNREADABLE',
      `cannot read the topic model ${file}: ${errorMessage(err)} (train one with \`sitrep topics train\`, see docs/MATCHING.md)`,
      { cause: err },
    );
  }
  const parsed = topicModelSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'CONFIG_INVALID',
      `invalid topic model ${file}:\n${formatIssues(parsed.error.issues)}`,
      { cause: parsed.error },
    );
  const missing = topicIds.filter((t) => !(t in parsed.data.heads));
  if (missing.length > 0)
    throw new AppError(
      'CONFIG_INVALID',
      `topic model ${file} has no head for topic(s) ${missing.join(', ')}: retrain it with \`sitrep topics train\``,
    );
  return createTopicModel(parsed.data);
}
