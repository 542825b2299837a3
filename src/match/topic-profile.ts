import { z } from 'zod';

/**
 * The evidence cues the matcher computes for every item (see docs/MATCHING.md). A topic's rule
 * weighs them; each cue is a number in 0..1.
 */
export const CUES = [
  'scope', // an in-scope place or actor (Iraq, Syria, the Jordan border bases, their militias)
  'usForces', // US forces or the coalition (not the US as a state)
  'usGov', // the US as a state: Washington, the White House, the State Department
  'usTarget', // an attack aimed at US/coalition forces or a base hosting them
  'usAgent', // US/coalition forces as the ones striking or raiding
  'usVictim', // US/coalition personnel or contractors killed or injured
  'usPresence', // troop presence, withdrawal or expulsion words near US/coalition forces
  'militia', // Iran-backed militias, Iran, the IRGC
  'isis', // the Islamic State (core)
  'partner', // Iraqi, Kurdish and Syrian partner forces
  'government', // the Iraqi (or Syrian) government, parliament, prime minister
  'attack', // drone, rocket, missile attacks and the like
  'strike', // airstrikes, retaliatory strikes
  'raid', // raids, operations, hideouts, cells, arrests
  'casualty', // killed, wounded, injured
  'presence', // troop presence, withdrawal, expulsion, end of mission
  'politics', // parliament, agreements, condemnations, talks
  'profile', // similarity to the topic's weighted terms
] as const;
export type Cue = (typeof CUES)[number];

const cue = z.enum(CUES);

export const topicRuleSchema = z.object({
  /** Logit before any evidence: how sceptical the topic is. */
  bias: z.number().default(-4),
  /** Logit added per cue (times the cue's 0..1 value). */
  weights: z.partialRecord(cue, z.number()).default({}),
  /** Every group must have at least one cue ≥ 0.5, else the score is capped at `capUnmet`. */
  require: z.array(z.array(cue).min(1)).default([]),
  capUnmet: z.number().min(0).max(1).default(0.2),
  /** Negative-lexicon classes that do not count against this topic. */
  ignoreNegatives: z.array(z.string()).default([]),
});

export const weightedTermSchema = z.object({
  term: z.string().min(1),
  weight: z.number(),
});

export const topicProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"'),
  title: z.string().min(1),
  description: z.string().default(''),
  /** One invented headline the topic must match (checked by the tests). */
  example: z.string().optional(),
  /** Minimum score for the topic to match; defaults to the matcher's threshold. */
  threshold: z.number().min(0).max(1).optional(),
  rule: topicRuleSchema.prefault({}),
  /** Derived by `sitrep topics build`: terms weighted by log-odds against a news background. */
  terms: z.array(weightedTermSchema).default([]),
  /** How the derived part was built (command, example count). */
  derivedFrom: z.string().optional(),
});

export type TopicRule = z.output<typeof topicRuleSchema>;
export type TopicProfile = z.output<typeof topicProfileSchema>;
export type TopicProfileInput = z.input<typeof topicProfileSchema>;
