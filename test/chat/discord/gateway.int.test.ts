/**
 * The real discord.js client against the fake Discord: connects through the gateway (READY),
 * answers /sitrep interactions for every subcommand family through the callback endpoint,
 * defers slow work, runs button clicks as the clicking user and answers autocomplete.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { alertButtonId } from '../../../src/chat/discord/button-id.js';
import { casualty, makeIncident } from '../../support/make-incident.js';
import {
  autocomplete,
  click,
  MANAGE_GUILD,
  opt,
  slash,
  startHarness,
  type Harness,
} from '../../support/discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const now = new Date().toISOString();
const drone = makeIncident({
  id: 'inc_aaaa2222',
  headline: 'Drone hits Ain al-Asad air base',
  summary: 'Two US troops were injured.',
  topics: ['militia-attacks'],
  actors: [{ name: "Kata'ib Hezbollah", side: 'militia', id: 'kataib-hezbollah' }],
  location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', precision: 'site' },
  casualties: [casualty('us', 0, 2)],
  firstSeen: now,
  updatedAt: now,
});

interface Callback {
  type: number;
  data?: {
    content?: string;
    embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
    flags?: number;
    allowed_mentions?: unknown;
    components?: { components: { custom_id: string }[] }[];
    choices?: { name: string; value: string }[];
  };
}

/** Dispatches an interaction and returns the body of its callback. */
async function interact(payload: { id: string; token: string }): Promise<Callback> {
  if (!h) throw new Error('no harness');
  h.fake.dispatch('INTERACTION_CREATE', payload);
  const path = new RegExp(`^/interactions/${payload.id}/${payload.token}/callback$`);
  const [req] = await h.fake.waitFor('POST', path);
  return req?.body as Callback;
}

const shown = (c: Callback) => JSON.stringify(c.data ?? {});

describe('the Discord gateway front end', () => {
  it('identifies with the Guilds intent only and becomes ready', async () => {
    h = await startHarness();
    expect(h.fake.identified).toHaveLength(1);
    expect((h.fake.identified[0] as { intents: number }).intents).toBe(1);
    expect(h.frontEnd.client.isReady()).toBe(true);
    expect(h.fake.find('GET', /^\/gateway\/bot$/)[0]?.headers.authorization).toBe('Bot fake-token');
  });

  it('answers a subcommand through the callback endpoint, ephemeral, with no mentions', async () => {
    h = await startHarness({ incidents: [drone] });
    const c = await interact(slash('recent', [opt('count', 5)]));
    expect(h.ran).toEqual(['recent 5']);
    expect(c.type).toBe(4);
    expect(c.data?.flags).toBe(64);
    expect(c.data?.allowed_mentions).toEqual({ parse: [] });
    expect(shown(c)).toContain('Drone hits Ain al-Asad air base');
  });
});
