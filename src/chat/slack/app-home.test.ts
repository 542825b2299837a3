import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../../test/support/make-incident.js';
import type { Subscription } from '../../domain/subscription.js';
import { homeView } from './app-home.js';

const sub = (id: string, query: string, disabled?: string): Subscription => ({
  id,
  kind: 'personal',
  ownerId: 'U1',
  destination: { platform: 'slack', workspaceId: 'T1', kind: 'dm', id: 'U1' },
  query,
  mode: 'live',
  createdAt: '2026-03-01T10:00:00Z',
  ...(disabled ? { disabled: { reason: disabled, at: '2026-03-01T11:00:00Z' } } : {}),
});

describe('homeView', () => {
  it('lists the subscriptions (with any problem) and the latest incidents', () => {
    const view = homeView(
      [sub('s1', 'drone place:anbar'), sub('s2', '<!channel>', 'cannot_dm_bot')],
      [makeIncident({ id: 'inc-9', headline: 'Rocket attack on Erbil' })],
    );
    const text = JSON.stringify(view.blocks);
    expect(view.type).toBe('home');
    expect(text).toContain('`s1` drone place:anbar (live)');
    expect(text).toContain('paused: cannot_dm_bot');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('[inc-9] Rocket attack on Erbil');
  });

  it('says so when there is nothing yet', () => {
    const text = JSON.stringify(homeView([], []).blocks);
    expect(text).toContain('None yet');
    expect(text).toContain('No incidents recorded yet');
  });
});
