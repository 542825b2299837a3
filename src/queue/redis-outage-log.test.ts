import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { captureLog } from '../../test/support/capture-log.js';
import { REDIS_LOG, RedisOutageLog } from './redis-outage-log.js';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('RedisOutageLog', () => {
  it('logs one warning per outage and one line when Redis is back, whoever reports it', () => {
    const { lines, log } = captureLog('info');
    let t = 1_000;
    const outage = new RedisOutageLog(log, () => t);
    const redis = new EventEmitter();
    const queue = new EventEmitter();
    const worker = new EventEmitter();
    outage.watch(redis, 'redis');
    outage.watchReady(redis, 'redis');
    outage.watch(queue, 'alerts');
    outage.watch(worker, 'deliveries');
    outage.watchReady(worker, 'deliveries');
    for (let i = 0; i < 5; i += 1) {
      redis.emit('error', refused());
      queue.emit('error', new Error('Connection is closed.'));
      worker.emit('error', refused());
    }
    t = 4_000;
    worker.emit('ready');
    redis.emit('ready');
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, REDIS_LOG.lost],
      [30, REDIS_LOG.back],
    ]);
    expect(lines[0]).toMatchObject({ source: 'redis', err: { code: 'ECONNREFUSED' } });
    expect(lines[1]).toMatchObject({ source: 'deliveries', downMs: 3_000, errors: 15 });
    queue.emit('error', new Error('Connection is closed.'));
    redis.emit('ready');
    expect(lines.map((l) => l.msg)).toEqual([
      REDIS_LOG.lost,
      REDIS_LOG.back,
      REDIS_LOG.lost,
      REDIS_LOG.back,
    ]);
  });

  it('logs an error that is not about the connection as it comes', () => {
    const { lines, log } = captureLog('info');
    const outage = new RedisOutageLog(log);
    const worker = new EventEmitter();
    outage.watch(worker, 'items');
    worker.emit('error', new Error('Missing lock for job 42. moveToFinished'));
    worker.emit('ready'); // not watched, and no outage on anyway
    expect(lines).toMatchObject([
      { level: 50, msg: 'queue error', queue: 'items', err: { message: /Missing lock/ } },
    ]);
  });
});
