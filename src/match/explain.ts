import type { Evidence } from './evidence.js';
import type { TopicScoreDetail } from './score-topic.js';
import type { Cue } from './topic-profile.js';

export const CUE_LABEL: Record<Cue, string> = {
  scope: 'in scope',
  usForces: 'US/coalition',
  usGov: 'US government',
  usTarget: 'attack on US/coalition',
  usAgent: 'US/coalition action',
  usVictim: 'US/coalition casualties',
  usPresence: 'US/coalition presence',
  militia: 'militia/Iran',
  isis: 'ISIS',
  partner: 'partner force',
  government: 'government',
  attack: 'event',
  strike: 'event',
  raid: 'event',
  casualty: 'casualties',
  presence: 'presence',
  politics: 'politics',
  profile: 'profile',
};

const MISSING: Partial<Record<Cue, string>> = {
  scope: 'an in-scope place (Iraq, Syria, the Jordan bases)',
  usForces: 'US/coalition forces',
  usTarget: 'an attack on US/coalition forces',
  usAgent: 'a US/coalition strike or raid',
  usVictim: 'US/coalition casualties',
  usPresence: 'US/coalition presence or withdrawal',
  militia: 'an Iran-backed militia',
  isis: 'ISIS',
  partner: 'partner forces',
};

const ORDER: readonly Cue[] = ['scope', 'usForces', 'militia', 'isis', 'partner', 'government'];

function fmt(score: number): string {
  return score.toFixed(2);
}

function evidenceWords(ev: Evidence, drivers: readonly Cue[]): string[] {
  const cues = [
    ...ORDER.filter((c) => drivers.includes(c)),
    ...drivers.filter((c) => !ORDER.includes(c)),
  ];
  const out: string[] = [];
  for (const c of cues) {
    const reason = ev.reasons[c];
    if (reason === undefined || c === 'profile') continue;
    out.push(`${CUE_LABEL[c]}: ${reason}`);
  }
  return out;
}

/** States the deciding evidence in words. */
export function explain(
  ev: Evidence,
  scored: readonly TopicScoreDetail[],
  matched: boolean,
): string {
  const best = scored[0];
  if (!best) return 'no topics configured';
  if (matched) {
    const on = scored.filter((s) => s.score >= s.threshold);
    const topics = on.map((s) => `${s.topic} ${fmt(s.score)}`).join(', ');
    return `${evidenceWords(ev, best.drivers).join('; ')} → ${topics}`;
  }
  const parts = [`no match (best ${best.topic} ${fmt(best.score)})`];
  const missing = best.unmet.map((g) => g.map((c) => MISSING[c] ?? c).join(' or '));
  if (missing.length > 0) parts.push(`missing: ${missing.join(', ')}`);
  if (ev.otherTheatres.length > 0)
    parts.push(`other theatre: ${ev.otherTheatres.slice(0, 3).join(', ')}`);
  const against = best.against.map(
    (cls) => `${cls} (${ev.negatives.get(cls)?.terms.slice(0, 3).join(', ') ?? ''})`,
  );
  if (against.length > 0) parts.push(`against: ${against.join(', ')}`);
  const seen = evidenceWords(ev, best.drivers);
  if (seen.length > 0) parts.push(`seen: ${seen.join('; ')}`);
  return parts.join('; ');
}
