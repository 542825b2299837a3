/**
 * The weekly map against the real Redis: posted once per route and week however many workers
 * tick at once and however often they restart, not before the slot, again the next week, and
 * retried after a transient failure. The picture is rendered for real.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MapPort } from '../../src/command/map-port.js';
import type { Destination, MessageRef } from '../../src/domain/subscription.js';
import { createLogger } from '../../src/log/logger.js';
import { createMapRenderer } from '../../src/map/map-renderer.js';
import {
  postWeeklyMaps,
  weeklyClaimKey,
  type WeeklyMapDeps,
} from '../../src/queue/weekly-map.processor.js';
import { ChatError } from '../../src/chat/chat-error.js';
import type { ChatImage } from '../../src/chat/chat-platform.js';
import { casualty, makeIncident } from '../support/make-incident.js';
import { MemoryIncidents, MemorySubscriptionStore } from '../support/memory-stores.js';
import { RecordingPlatform } from '../support/recording-platform.js';
import { testGazetteer } from '../support/test-gazetteer.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

class ImagePlatform extends RecordingPlatform {
  readonly images: { destination: Destination; image: ChatImage; key: string }[] = [];
  failImages = 0;
  async postImage(destination: Destination, image: ChatImage, key: string): Promise<MessageRef> {
    if (this.failImages > 0) {
      this.failImages -= 1;
      throw ChatError.transient('ratelimited', 1000);
    }
    this.images.push({ destination, image, key });
    return { channelId: destination.id, messageId: `m${this.images.length}` };
  }
}

const log = createLogger({ level: 'silent', pretty: false });
const gazetteer = testGazetteer();
const maps: MapPort = createMapRenderer({ gazetteer });
// 2026-12-07 is a Monday; the slot is 08:00 UTC.
const MONDAY = new Date('2026-12-07T08:03:00Z');
const channel: Destination = { platform: 'test', workspaceId: 'T1', kind: 'channel', id: 'C9' };

function incidents(): MemoryIncidents {
  const at = (d: string) => `${d}T10:00:00.000Z`;
  const list = [
    makeIncident({
      id: 'a',
      headline: 'Rocket attack on Erbil',
      firstSeen: at('2026-12-02'),
      topics: ['militia-attacks'],
      location: { place: 'Erbil', precision: 'town', id: 'erbil' },
      casualties: [casualty('us', 0, 2)],
    }),
    makeIncident({
      id: 'b',
      headline: 'Drone strike on Ain al-Asad',
      firstSeen: at('2026-12-03'),
      topics: ['militia-attacks'],
      location: { place: 'Ain al-Asad', precision: 'site', id: 'ain-al-asad' },
      casualties: [casualty('us', 3, 5)],
    }),
    makeIncident({
      id: 'c',
      headline: 'Clash near al-Tanf',
      firstSeen: at('2026-12-04'),
      topics: ['militia-attacks'],
      type: 'Battles',
      location: { place: 'al-Tanf', precision: 'site', id: 'al-tanf' },
    }),
    makeIncident({
      id: 'd',
      headline: 'Attack in Anbar',
      firstSeen: at('2026-12-05'),
      topics: ['militia-attacks'],
      casualties: [casualty('partner', 1, 0)],
    }),
    makeIncident({
      id: 'e',
      headline: 'Drone downed over Erbil',
      firstSeen: at('2026-12-06'),
      topics: ['militia-attacks'],
    }),
    makeIncident({
      id: 'f',
      headline: 'Convoy hit',
      firstSeen: at('2026-12-06'),
      topics: ['militia-attacks'],
      casualties: [casualty('us', 0, 1)],
    }),
    makeIncident({
      id: 'old',
      headline: 'Last month',
      firstSeen: at('2026-11-20'),
      topics: ['militia-attacks'],
      casualties: [casualty('us', 9, 9)],
    }),
    makeIncident({
      id: 'other',
      headline: 'Other topic',
      firstSeen: at('2026-12-03'),
      topics: ['isis'],
      casualties: [casualty('isis', 20, 0)],
    }),
  ];
  return new MemoryIncidents(list.map((i) => ({ ...i, updatedAt: i.firstSeen })));
}

let t: TestRedis;
let subs: MemorySubscriptionStore;
let platform: ImagePlatform;

function worker(): WeeklyMapDeps {
  return {
    redis: t.redis,
    prefix: t.prefix,
    subscriptions: subs,
    incidents: incidents(),
    gazetteer,
    platforms: new Map([['test', platform]]),
    maps,
    schedule: { day: 'monday', time: '08:00', timeZone: 'UTC', lateByMs: 24 * 3_600_000 },
    log,
  };
}

beforeEach(async () => {
  t = testRedis();
  subs = new MemorySubscriptionStore();
  platform = new ImagePlatform();
  await subs.create(
    {
      kind: 'route',
      ownerId: 'admin',
      destination: channel,
      query: 'topic:militia-attacks',
      mode: 'live',
      weeklyMap: true,
    },
    MONDAY,
  );
  await subs.create(
    {
      kind: 'route',
      ownerId: 'admin',
      destination: { ...channel, id: 'C-plain' },
      query: 'topic:isis',
      mode: 'live',
    },
    MONDAY,
  );
});

afterEach(async () => {
  await t.cleanup();
});

describe('weekly map', () => {
  it('posts once with the five most significant incidents, however many workers tick', async () => {
    const posted = await Promise.all([1, 2, 3].map(() => postWeeklyMaps(worker(), MONDAY)));
    expect(posted.reduce((a, b) => a + b, 0)).toBe(1);
    expect(platform.images).toHaveLength(1);
    const [sent] = platform.images;
    expect(sent?.destination.id).toBe('C9');
    expect(sent?.key).toBe('weekly-map:s1:2026-12-07');
    expect([...(sent?.image.png.slice(1, 4) ?? [])]).toEqual([0x50, 0x4e, 0x47]);
    const top = sent?.image.message.top.map((l) => l.text.slice(0, 3)) ?? [];
    expect(top).toEqual(['[b]', '[d]', '[a]', '[f]', '[c]']);
    expect(sent?.image.message.title).toContain('6 incidents (topic:militia-attacks)');
    // A restarted worker, later the same week: nothing more.
    expect(await postWeeklyMaps(worker(), new Date('2026-12-07T09:30:00Z'))).toBe(0);
    expect(await postWeeklyMaps(worker(), new Date('2026-12-07T20:00:00Z'))).toBe(0);
    expect(platform.images).toHaveLength(1);
    expect(await t.redis.get(weeklyClaimKey(t.prefix, 's1', '2026-12-07'))).toBe('posted');
  });

  it('waits for the slot, skips a week missed by more than lateBy, and posts the next week', async () => {
    expect(await postWeeklyMaps(worker(), new Date('2026-12-07T07:59:00Z'))).toBe(0);
    expect(await postWeeklyMaps(worker(), new Date('2026-12-08T09:00:00Z'))).toBe(0);
    expect(platform.images).toHaveLength(0);
    expect(await postWeeklyMaps(worker(), new Date('2026-12-14T08:00:00Z'))).toBe(1);
    expect(platform.images[0]?.key).toBe('weekly-map:s1:2026-12-14');
  });

  it('frees the week after a transient failure so the next tick posts it', async () => {
    platform.failImages = 1;
    expect(await postWeeklyMaps(worker(), MONDAY)).toBe(0);
    expect(await t.redis.exists(weeklyClaimKey(t.prefix, 's1', '2026-12-07'))).toBe(0);
    expect(await postWeeklyMaps(worker(), new Date(MONDAY.getTime() + 5 * 60_000))).toBe(1);
    expect(platform.images).toHaveLength(1);
  });
});
