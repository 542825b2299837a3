/**
 * Event type and sub-type (ACLED, plus "Political statement"), from cue words. The earliest cue
 * in the title decides; without one, the earliest cue in the lead. Generic "attack" is a weak
 * fallback (an attack on a base is most often remote violence).
 */
import type { EventType } from '../domain/incident.js';

export interface EventClass {
  readonly type: EventType | null;
  readonly subType: string | null;
}

interface Cue {
  readonly re: RegExp;
  readonly type: EventType;
  readonly subType: string;
}

const CUES: readonly Cue[] = [
  {
    re: /\bsuicide\s+(?:bomb(?:er|ing|s)?|attack(?:er)?s?|car\s+bomb|vest)|\bblew\s+(?:himself|herself)\s+up/i,
    type: 'Explosions/Remote violence',
    subType: 'Suicide bomb',
  },
  {
    re: /\b(?:roadside\s+bomb|ied|improvised\s+explosive|landmines?|land\s+mines?|car\s+bomb|explosive\s+device|bomb\s+(?:blast|attack|exploded)|sticky\s+bomb)s?\b/i,
    type: 'Explosions/Remote violence',
    subType: 'Remote explosive/landmine/IED',
  },
  {
    re: /\b(?:air\s*strikes?|air\s+raids?|drones?|uavs?|unmanned\s+aerial|bombers?\s+(?:struck|hit)|helicopter\s+strike|precision\s+strikes?|retaliatory\s+strikes?|(?:US|U\.S\.|American|coalition|Israeli)\s+(?:military\s+)?strikes?|strikes?\s+(?:on|against|hit|kill)|bomb(?:ed|ing)\s+(?:raids?|runs?))\b/i,
    type: 'Explosions/Remote violence',
    subType: 'Air/drone strike',
  },
  {
    re: /\b(?:rockets?|katyushas?|mortars?|shell(?:s|ing|ed)|artillery|missiles?|indirect\s+fire|projectiles?|grad)\b/i,
    type: 'Explosions/Remote violence',
    subType: 'Shelling/artillery/missile attack',
  },
  {
    re: /\b(?:raids?|clash(?:es|ed)?|firefights?|gunfights?|gun\s+battle|ambush(?:ed|es)?|ground\s+operation|fighting|gunmen|exchange\s+of\s+fire|assault(?:ed)?|stormed|counter-?terrorism\s+operation|security\s+(?:operation|campaign)s?|(?:joint|partnered|military)\s+operation|killed\s+in\s+(?:a|an)\s+operation)\b/i,
    type: 'Battles',
    subType: 'Armed clash',
  },
  {
    re: /\b(?:arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|captur(?:e|ed|es|ing)|apprehend(?:ed)?|in\s+custody|airdrop)\b/i,
    type: 'Strategic developments',
    subType: 'Arrests',
  },
  {
    re: /\b(?:agree(?:s|d)?\s+(?:on|to)|agreements?|deal|accord|memorandum|sign(?:s|ed|ing)?\s+(?:an?\s+)?(?:agreement|deal|accord)|seal(?:s|ed)?|reach(?:es|ed)?\s+(?:an?\s+)?(?:\w+\s+)?(?:agreement|deal|understanding))\b/i,
    type: 'Strategic developments',
    subType: 'Agreement',
  },
  {
    re: /\b(?:establish(?:es|ed|ing)?|set(?:s|ting)?\s+up|build(?:s|ing)?|buil[td]|open(?:s|ed)?)\s+(?:a\s+)?(?:new\s+)?(?:military\s+)?(?:base|outpost|headquarters)\b/i,
    type: 'Strategic developments',
    subType: 'Headquarters or base established',
  },
  {
    re: /\b(?:condemn(?:s|ed|ation)?|denounc(?:e|es|ed)|protest(?:s|ed)?|vot(?:e|es|ed|ing)\s+to|parliament|resolution|expel(?:s|led)?|expulsion|withdraw(?:al|s|n|ing)?|pull(?:out|\s+out)|end\s+(?:the\s+)?(?:\w+\s+)?(?:combat\s+)?mission|negotiat(?:e|es|ed|ions?|ing)|talks|dialogue|demand(?:s|ed)?|warn(?:s|ed)?|sovereignty|summon(?:s|ed)?|calls?\s+for|violation)\b/i,
    type: 'Political statement',
    subType: 'Political statement',
  },
];
const WEAK_ATTACK: Cue = {
  re: /\b(?:attack(?:s|ed)?|targeted|hit|struck|explosions?|blasts?)\b/i,
  type: 'Explosions/Remote violence',
  subType: 'Other',
};

function earliest(text: string, cues: readonly Cue[]): Cue | null {
  let best: Cue | null = null;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const cue of cues) {
    const m = cue.re.exec(text);
    if (m && m.index < bestAt) {
      best = cue;
      bestAt = m.index;
    }
  }
  return best;
}

/** Classifies a report from its title and foreground lead sentences (first three, then the rest). */
export function classifyEvent(title: string, lead: readonly string[]): EventClass {
  const texts = [title, lead.slice(0, 3).join(' '), lead.slice(3).join(' ')];
  for (const t of texts) {
    const cue = earliest(t, CUES);
    if (cue) return { type: cue.type, subType: cue.subType };
  }
  for (const t of texts) {
    if (WEAK_ATTACK.re.test(t)) return { type: WEAK_ATTACK.type, subType: WEAK_ATTACK.subType };
  }
  return { type: null, subType: null };
}
