import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_CONFIG } from './cluster-config.js';
import { bestJoin, joinProbability, type Candidate } from './cluster-score.js';
import { PAIR_FEATURES, type PairFeatures } from './pair-feature-names.js';
import { withLeads } from './pair-features.js';

const zero = Object.fromEntries(PAIR_FEATURES.map((f) => [f, 0])) as Record<
  (typeof PAIR_FEATURES)[number],
  number
>;
const features = (over: Partial<PairFeatures>): PairFeatures => ({ ...zero, ...over });

describe('the join model', () => {
  it('rises with shared words and entities and falls for an undated pair', () => {
    const w = DEFAULT_CLUSTER_CONFIG.weights;
    const weak = joinProbability(features({ text: 0.2 }), w);
    const strong = joinProbability(features({ text: 0.7, textLead: 0.5, entities: 0.6 }), w);
    const undated = joinProbability(
      features({ text: 0.7, textLead: 0.5, entities: 0.6, undated: 1 }),
      w,
    );
    expect(strong).toBeGreaterThan(weak);
    expect(undated).toBeLessThan(strong);
  });

  it('gives each candidate its lead over the best other one', () => {
    const led = withLeads([
      { incident: 'a', features: features({ text: 0.6 }) },
      { incident: 'b', features: features({ text: 0.4 }) },
      { incident: 'c', features: features({ text: 0.1 }) },
    ]);
    expect(led.map((c) => Math.round(c.features.textLead * 10) / 10)).toEqual([0.2, -0.2, -0.5]);
    expect(
      withLeads([{ incident: 'a', features: features({ text: 0.3 }) }])[0]?.features,
    ).toMatchObject({ textLead: 0.3 });
  });

  it('joins the most probable incident at or above the threshold, or none', () => {
    const cfg = { ...DEFAULT_CLUSTER_CONFIG, joinProbability: 0.5 };
    const list: Candidate<string>[] = [
      { incident: 'close', features: features({ text: 0.9, textLead: 0.4, entities: 0.8 }) },
      { incident: 'closer', features: features({ text: 0.95, textLead: 0.6, entities: 0.9 }) },
      { incident: 'far', features: features({ text: 0.05 }) },
    ];
    expect(bestJoin(list, cfg)).toBe('closer');
    expect(bestJoin([list[2] as Candidate<string>], cfg)).toBeNull();
  });
});
