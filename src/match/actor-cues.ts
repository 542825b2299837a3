import type { TokenMention } from '../gazetteer/gazetteer.js';
import { IN_SCOPE, actorOf, describeMention, placeOf } from './evidence.js';
import type { Cue } from './topic-profile.js';

type ActorCue = Extract<Cue, 'usForces' | 'usGov' | 'militia' | 'isis' | 'partner' | 'government'>;

export interface CueReading {
  value: number;
  reason?: string;
}

/** Which cue a mention supports and how strongly (before context). */
function cueOf(m: TokenMention, scoped: boolean): [ActorCue, number] | undefined {
  const p = placeOf(m);
  if (p) return p.hostsUs ? ['usForces', 0.8] : undefined;
  const a = actorOf(m);
  if (!a) return undefined;
  switch (a.kind) {
    case 'us-forces':
    case 'coalition':
      return ['usForces', 1];
    case 'coalition-weak':
      return scoped ? ['usForces', 0.4] : undefined;
    case 'us-government':
      return ['usGov', 1];
    case 'militia':
      return ['militia', 1];
    case 'militia-generic':
      return scoped ? ['militia', 0.6] : undefined;
    case 'iran':
      return ['militia', 0.8];
    case 'isis':
      return ['isis', 1];
    case 'partner-force':
      return ['partner', 1];
    case 'government':
      return a.theatre === IN_SCOPE ? ['government', 1] : undefined;
    default:
      return undefined;
  }
}

/** The actor cues: the strongest mention of each kind, with its description. */
export function readActors(
  mentions: readonly TokenMention[],
  scoped: boolean,
): Map<ActorCue, CueReading> {
  const out = new Map<ActorCue, CueReading>();
  for (const m of mentions) {
    const c = cueOf(m, scoped);
    if (!c) continue;
    const [cue, value] = c;
    const prev = out.get(cue);
    if (!prev || value > prev.value) out.set(cue, { value, reason: describeMention(m) });
  }
  return out;
}
