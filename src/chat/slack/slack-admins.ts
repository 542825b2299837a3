/**
 * Who is an admin for sitrep: workspace owners and admins (users.info), and the user ids in
 * SLACK_ADMINS. Answers are cached for a few minutes; a failed lookup counts as "not admin"
 * for that request (and is not cached).
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log/logger.js';

export const ADMIN_CACHE_MS = 5 * 60_000;

export interface AdminCheck {
  isAdmin(userId: string): Promise<boolean>;
}

type UsersInfo = Pick<webApi.WebClient['users'], 'info'>;

export function createAdminCheck(
  users: UsersInfo,
  configured: readonly string[],
  log: Logger,
  now: () => number = Date.now,
  ttlMs: number = ADMIN_CACHE_MS,
): AdminCheck {
  const fixed = new Set(configured);
  const cache = new Map<string, { admin: boolean; until: number }>();
  return {
    async isAdmin(userId) {
      if (fixed.has(userId)) return true;
      const hit = cache.get(userId);
      if (hit && hit.until > now()) return hit.admin;
      try {
        const res = await users.info({ user: userId });
        const u = res.user;
        const admin = !!(u?.is_admin || u?.is_owner || u?.is_primary_owner);
        cache.set(userId, { admin, until: now() + ttlMs });
        return admin;
      } catch (err) {
        log.warn({ err, userId }, 'users.info failed: treating the user as not an admin');
        return false;
      }
    },
  };
}
