/**
 * Regression cases from test/fixtures/regression-cases.yml, run on the shipped config (gazetteer,
 * lexicon, theatre, learned topic model): the topic decision and the extracted facts. Analysts
 * add cases to the YAML; no code changes needed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SIDES, type Casualty, type IncidentFacts, type Range } from '../domain/incident.js';
import { extractReport } from '../incident/extract/extract-facts.js';
import { PACKAGE_ROOT } from './load-config.js';
import { loadMatcher } from './load-matcher.js';
import { loadVocabulary } from './load-vocabulary.js';
import { configSchema } from './schema.js';

const root = (p: string): string => path.join(PACKAGE_ROOT, p);

const figure = z.union([
  z.number().int().min(0),
  z.strictObject({ min: z.number().nullable(), max: z.number().nullable() }),
]);
const sideExpectation = z.union([
  z.literal('none'),
  z.strictObject({ killed: figure.optional(), injured: figure.optional() }),
]);
const caseSchema = z.strictObject({
  name: z.string().min(1),
  title: z.string().min(1),
  lead: z.string().default(''),
  published: z.union([z.string(), z.date()]).optional(),
  expect: z.strictObject({
    onTopic: z.boolean().optional(),
    topics: z.array(z.string()).optional(),
    type: z.string().nullable().optional(),
    subType: z.string().nullable().optional(),
    place: z.string().nullable().optional(),
    admin1: z.string().nullable().optional(),
    country: z.string().nullable().optional(),
    actors: z.array(z.string()).optional(),
    notActors: z.array(z.string()).optional(),
    casualties: z.partialRecord(z.enum(SIDES), sideExpectation).optional(),
    noCasualties: z.literal(true).optional(),
    eventDate: z.union([z.string(), z.date()]).nullable().optional(),
    eventDatePrecision: z.enum(['day', 'week', 'month', 'year', 'unknown']).optional(),
    troops: z.number().nullable().optional(),
  }),
});
type Case = z.output<typeof caseSchema>;

const isoDay = (d: string | Date): string =>
  d instanceof Date ? d.toISOString().slice(0, 10) : d.slice(0, 10);
const isoTime = (d: string | Date): string => (d instanceof Date ? d.toISOString() : d);

const cases = z
  .strictObject({ cases: z.array(caseSchema).min(1) })
  .parse(parse(readFileSync(root('test/fixtures/regression-cases.yml'), 'utf8'))).cases;

const config = configSchema.parse({
  match: {
    topicsDir: root('config/topics'),
    gazetteer: root('config/gazetteer.yml'),
    lexicon: root('config/lexicon.yml'),
    model: root('config/topic-model.json'),
  },
});
const vocabulary = loadVocabulary(config);
const { matcher } = loadMatcher(config.match);

function checkTopics(c: Case) {
  const { onTopic, topics } = c.expect;
  if (onTopic === undefined && topics === undefined) return;
  const m = matcher.match({ title: c.title, summary: c.lead });
  if (onTopic !== undefined) expect(m.match, `on topic (${m.why})`).toBe(onTopic);
  const got = m.topics.map((t) => t.topic);
  for (const t of topics ?? []) expect(got, `topics (${m.why})`).toContain(t);
}

function expectFigure(actual: Range, want: z.output<typeof figure> | undefined, what: string) {
  if (want === undefined) return;
  const range = typeof want === 'number' ? { min: want, max: actual.max } : want;
  expect(actual, what).toEqual(range);
}

function checkCasualties(facts: IncidentFacts, want: Case['expect']) {
  if (want.noCasualties) expect(facts.casualties).toEqual([]);
  for (const [side, exp] of Object.entries(want.casualties ?? {})) {
    const got: Casualty | undefined = facts.casualties.find((c) => c.side === side);
    if (exp === 'none') {
      expect(got, `no casualties for ${side}`).toBeUndefined();
      continue;
    }
    expect(got, `casualties for ${side}`).toBeDefined();
    if (!got || !exp) continue;
    expectFigure(got.killed, exp.killed, `${side} killed`);
    expectFigure(got.injured, exp.injured, `${side} injured`);
  }
}

function check(facts: IncidentFacts, want: Case['expect']) {
  const loc = facts.location;
  if (want.type !== undefined) expect(facts.type, 'type').toBe(want.type);
  if (want.subType !== undefined) expect(facts.subType, 'subType').toBe(want.subType);
  if (want.place !== undefined) expect(loc.place, 'place').toBe(want.place);
  if (want.admin1 !== undefined) expect(loc.admin1, 'admin1').toBe(want.admin1);
  if (want.country !== undefined) expect(loc.country, 'country').toBe(want.country);
  const names = facts.actors.map((a) => a.name);
  for (const a of want.actors ?? []) expect(names, 'actors').toContain(a);
  for (const a of want.notActors ?? []) expect(names, 'actors').not.toContain(a);
  checkCasualties(facts, want);
  if (want.eventDate !== undefined)
    expect(facts.eventDate, 'eventDate').toBe(want.eventDate && isoDay(want.eventDate));
  if (want.eventDatePrecision !== undefined)
    expect(facts.eventDatePrecision, 'eventDatePrecision').toBe(want.eventDatePrecision);
  if (want.troops !== undefined) expect(facts.troops, 'troops').toBe(want.troops);
}

describe('extraction regression cases (test/fixtures/regression-cases.yml)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const report = extractReport(
      {
        title: c.title,
        summary: c.lead,
        published: c.published === undefined ? null : isoTime(c.published),
      },
      vocabulary,
    );
    checkTopics(c);
    check(report.facts, c.expect);
  });
});
