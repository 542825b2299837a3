import { describe, expect, it } from 'vitest';
import { ClusterRounds } from './cluster-rounds.js';

describe('ClusterRounds', () => {
  it('runs the requests that wait while a round runs as the next round, in order', async () => {
    const rounds: number[][] = [];
    const r = new ClusterRounds<number, number>(async (batch) => {
      rounds.push([...batch]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return batch.map((n) => ({ ok: true, value: n * 10 }));
    }, 3);
    const out = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => r.run(n)));
    expect(out).toEqual([10, 20, 30, 40, 50, 60]);
    // The first alone; the five that waited, at most three a round.
    expect(rounds).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('settles each request with its own outcome; a round that throws fails its requests only', async () => {
    let calls = 0;
    const r = new ClusterRounds<string, string>(async (batch) => {
      calls += 1;
      if (calls === 2) throw new Error('redis gone');
      return batch.map((s) =>
        s === 'bad' ? { ok: false, error: new Error('refused') } : { ok: true, value: s },
      );
    });
    const later = () => new Promise((res) => setTimeout(res, 20));
    const [a, b, c, d] = await Promise.allSettled([
      r.run('a'),
      r.run('b'),
      later().then(() => r.run('bad')),
      later().then(() => r.run('d')),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: 'a' });
    expect(b).toMatchObject({ status: 'rejected', reason: { message: 'redis gone' } });
    expect(c).toMatchObject({ status: 'rejected', reason: { message: 'refused' } });
    expect(d).toEqual({ status: 'fulfilled', value: 'd' });
    expect(calls).toBe(4); // an idle queue starts a round at once: 'bad' and 'd' one each
  });
});
