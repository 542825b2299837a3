import { describe, expect, it } from 'vitest';
import { createLogger } from '../../log/logger.js';
import { createAdminCheck } from './slack-admins.js';

const log = createLogger({ level: 'silent', pretty: false });

type Flags = { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean };

function fakeUsers(flags: Record<string, Flags>) {
  const calls: string[] = [];
  return {
    calls,
    info: async ({ user }: { user: string }) => {
      calls.push(user);
      if (user === 'UBROKEN') throw new Error('network down');
      return { ok: true, user: { id: user, ...flags[user] } };
    },
  };
}

describe('createAdminCheck', () => {
  it('takes workspace admins, owners and primary owners from users.info', async () => {
    const users = fakeUsers({
      UA: { is_admin: true },
      UO: { is_owner: true },
      UP: { is_primary_owner: true },
      UN: {},
    });
    const check = createAdminCheck(users, [], log);
    expect(await check.isAdmin('UA')).toBe(true);
    expect(await check.isAdmin('UO')).toBe(true);
    expect(await check.isAdmin('UP')).toBe(true);
    expect(await check.isAdmin('UN')).toBe(false);
  });

  it('treats configured user ids as admins without asking Slack', async () => {
    const users = fakeUsers({});
    expect(await createAdminCheck(users, ['UCFG'], log).isAdmin('UCFG')).toBe(true);
    expect(users.calls).toEqual([]);
  });

  it('caches the answer for a few minutes, then asks again', async () => {
    let t = 0;
    const users = fakeUsers({ UA: { is_admin: true } });
    const check = createAdminCheck(users, [], log, () => t, 60_000);
    await check.isAdmin('UA');
    t = 59_000;
    await check.isAdmin('UA');
    expect(users.calls).toEqual(['UA']);
    t = 61_000;
    await check.isAdmin('UA');
    expect(users.calls).toEqual(['UA', 'UA']);
  });

  it('answers not-admin when users.info fails, and does not cache that', async () => {
    const users = fakeUsers({});
    const check = createAdminCheck(users, [], log);
    expect(await check.isAdmin('UBROKEN')).toBe(false);
    expect(await check.isAdmin('UBROKEN')).toBe(false);
    expect(users.calls).toEqual(['UBROKEN', 'UBROKEN']);
  });
});
