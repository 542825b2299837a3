import { createHash } from 'node:crypto';

/** 32 hex characters of SHA-256: short enough for Redis keys, far from colliding. */
export function hashId(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 32);
}

/**
 * The stable id of an entry: a hash of its guid/id (trimmed), else of its canonical link, else of
 * its title and the date text as written. The same entry gets the same id on every fetch.
 */
export function itemId(entry: {
  guid?: string | undefined;
  link: string;
  title: string;
  dateText?: string | undefined;
}): string {
  const guid = entry.guid?.trim();
  if (guid) return hashId(`guid:${guid}`);
  if (entry.link) return hashId(`link:${entry.link}`);
  return hashId(`title:${entry.title}\n${entry.dateText?.trim() ?? ''}`);
}
