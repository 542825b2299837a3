/**
 * Who the victims were: the side follows from the victim noun and its modifiers
 * ("two US soldiers" → us, "15 ISIS operatives" → isis, "a coalition contractor" → coalition,
 * "three militia members" → militia, "civilians" → civilian).
 */
import type { Side } from '../domain/incident.js';

/** Victim nouns, longest first. Actor names used as nouns ("15 ISIS killed") are included. */
export const VICTIM_NOUN_SOURCE = [
  String.raw`service\s*members?`,
  String.raw`servicem[ae]n`,
  String.raw`british\s+nationals?`,
  String.raw`police\s*(?:m[ae]n|officers?)?`,
  String.raw`militiam[ae]n`,
  String.raw`security\s+personnel`,
  'troops?',
  'soldiers?',
  'personnel',
  'contractors?',
  'marines?',
  'sailors?',
  'airm[ae]n',
  'militants?',
  'fighters?',
  'operatives?',
  'members?',
  'civilians?',
  'people',
  'persons?',
  'officials?',
  'commanders?',
  'leaders?',
  'insurgents?',
  'jihadists?',
  'terrorists?',
  'gunm[ae]n',
  'officers?',
  'americans?',
  'britons?',
  'nationals?',
  'children',
  'women',
  'residents',
  'workers?',
  'guards?',
  'advis[eo]rs?',
  'forces',
  'others',
  'more',
  'isis',
  'isil',
  'daesh',
  'IS',
].join('|');

/** Victim nouns that name one person: without a figure they count one ("killed ISIS leader X"). */
export const SINGULAR_VICTIM_SOURCE = [
  String.raw`service\s*member`,
  'serviceman',
  'soldier',
  'marine',
  'sailor',
  'airman',
  'contractor',
  'militant',
  'fighter',
  'operative',
  'member',
  'civilian',
  'person',
  'official',
  'commander',
  'leader',
  'chief',
  'emir',
  'insurgent',
  'jihadist',
  'terrorist',
  'gunman',
  'militiaman',
  'policeman',
  'officer',
  'american',
  'briton',
  'national',
  'child',
  'woman',
  'resident',
  'worker',
  'guard',
  'advis[eo]r',
].join('|');

const MILITARY =
  /^(troops?|soldiers?|service\s*members?|servicem[ae]n|personnel|marines?|sailors?|airm[ae]n|forces|officers?|guards?|advis[eo]rs?)$/i;
const ARMED_GROUP =
  /^(militants?|fighters?|operatives?|insurgents?|jihadists?|terrorists?|gunm[ae]n)$/i;
const CIVILIAN = /^(civilians?|child|children|woman|women|residents?|workers?)$/i;

const MOD_COALITION =
  /\b(coalition|us-led|u\.s\.-led|british|briton|uk|french|australian|canadian|italian|german|nato|international|foreign)\b/i;
const MOD_US = /(\bu\.?s\b|\bamerican|\bamerica's|\bunited states\b|\bcentcom\b)/i;
const MOD_ISIS = /(\bisis\b|\bisil\b|\bdaesh\b|\bislamic state\b|\bIS\b|\bjihadist)/;
const MOD_MILITIA =
  /\b(militia|hezbollah|hizbollah|kata'?ib|kataeb|pmf|hashd|popular mobilization|iran-backed|iranian-backed|pro-iran|nujaba|harakat|houthi|resistance)/i;
const MOD_IRAN = /\b(iranian|irgc|revolutionary guard|quds)\b/i;
const MOD_PARTNER =
  /\b(iraqi|syrian|kurdish|peshmerga|sdf|isf|partner|security forces|counter-terrorism|counterterrorism)\b/i;

export interface VictimContext {
  /** Side for bare military nouns ("the troops", "25 more"): the sentence's first victim side. */
  readonly fallback: Side;
  /** Whether the story names ISIS: bare "militants"/"fighters" are isis, else militia. */
  readonly isisStory: boolean;
}

function sideFromModifiers(mods: string): Side | null {
  if (MOD_MILITIA.test(mods)) return 'militia';
  if (MOD_ISIS.test(mods) || MOD_ISIS.test(mods.toLowerCase())) return 'isis';
  if (MOD_IRAN.test(mods)) return 'iran';
  if (MOD_COALITION.test(mods)) return 'coalition';
  if (MOD_US.test(mods)) return 'us';
  if (/\bcivilian\b/i.test(mods)) return 'civilian';
  if (MOD_PARTNER.test(mods)) return 'partner';
  if (/\barmy\b/i.test(mods)) return 'us';
  return null;
}

/**
 * The side of a victim phrase. `mods` are the words before the noun (and, for generic nouns
 * such as "commander", the few words after it: "a commander from Kata'ib Hezbollah").
 */
export function victimSide(mods: string, noun: string, ctx: VictimContext): Side {
  const n = noun.toLowerCase().replace(/\s+/g, ' ');
  if (/^americans?$/.test(n)) return 'us';
  if (/^(britons?|british nationals?)$/.test(n)) return 'coalition';
  if (/^(isis|isil|daesh|is)$/.test(n)) return 'isis';
  if (/^militiam[ae]n$/.test(n)) return 'militia';
  if (/^contractors?$/.test(n)) {
    return /\b(coalition|-led|foreign|british|international)\b/i.test(mods) ? 'coalition' : 'us';
  }
  if (n === 'more') return ctx.fallback;
  if (n === 'others') return 'unknown';
  const fromMods = sideFromModifiers(mods);
  if (fromMods === 'civilian' && MILITARY.test(n)) return 'unknown';
  if (fromMods) return fromMods;
  if (CIVILIAN.test(n)) return 'civilian';
  if (ARMED_GROUP.test(n)) return ctx.isisStory ? 'isis' : 'militia';
  if (MILITARY.test(n)) return ctx.fallback === 'civilian' ? 'unknown' : ctx.fallback;
  return 'unknown';
}
