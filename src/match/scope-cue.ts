import type { TokenMention } from '../gazetteer/gazetteer.js';
import { IN_SCOPE, actorOf, describeMention, placeOf } from './evidence.js';

export interface ScopeReading {
  readonly scope: number;
  readonly reason?: string;
  readonly otherTheatres: readonly string[];
}

const PLACE_STRENGTH: Record<string, number> = {
  base: 1,
  site: 1,
  town: 1,
  province: 1,
  region: 1,
  country: 0.8,
};

/** How strongly a mention places the item in Iraq/Syria (0 = not at all). */
function inScopeStrength(m: TokenMention): number {
  const p = placeOf(m);
  if (p) {
    if (p.theatre !== IN_SCOPE) return 0;
    // Jordan alone is only in scope through the US bases on its borders.
    if (p.type === 'country' && p.country === 'Jordan') return 0.5;
    return PLACE_STRENGTH[p.type] ?? 0.8;
  }
  const a = actorOf(m);
  if (!a) return 0;
  if (a.theatre === IN_SCOPE) return 0.8;
  if (a.kind === 'coalition' && a.id === 'coalition') return 0.7;
  if (a.kind === 'isis') return 0.5;
  return 0;
}

function otherTheatre(m: TokenMention): string | undefined {
  const p = placeOf(m);
  if (p) return p.theatre !== IN_SCOPE ? p.theatre : undefined;
  const a = actorOf(m);
  return a?.theatre !== undefined && a.theatre !== IN_SCOPE ? a.theatre : undefined;
}

/**
 * The scope cue: the strongest in-scope evidence, discounted when other theatres dominate the
 * item (headline mentions count double). Other-theatre places in `destinations` (where the
 * injured were flown or treated) do not count against the scope.
 */
export function readScope(
  mentions: readonly TokenMention[],
  titleEnd: number,
  destinations: ReadonlySet<TokenMention> = new Set(),
): ScopeReading {
  let best = 0;
  let bestMention: TokenMention | undefined;
  let inCount = 0;
  let otherCount = 0;
  const others = new Map<string, string>();
  for (const m of mentions) {
    const w = m.from < titleEnd ? 2 : 1;
    const s = inScopeStrength(m);
    if (s > 0) {
      inCount += w;
      if (s > best) [best, bestMention] = [s, m];
    }
    const t = otherTheatre(m);
    if (t !== undefined && !(destinations.has(m) && placeOf(m) !== undefined)) {
      otherCount += w;
      if (!others.has(t)) others.set(t, m.text);
    }
  }
  const share = inCount + otherCount === 0 ? 1 : (1.5 * inCount) / (inCount + otherCount);
  const scope = best * Math.min(1, share);
  const otherTheatres = [...others.entries()].map(([t, text]) => `${text} (${t})`);
  return bestMention
    ? { scope, reason: describeMention(bestMention), otherTheatres }
    : { scope, otherTheatres };
}
