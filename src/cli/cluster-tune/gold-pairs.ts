/**
 * Training pairs for the join model, taught by the labels: the reports go through in their given
 * order, each is compared with the gold incidents open before it (built from the earlier reports
 * of each event, as the clusterer would have built them had it been right), and each comparison
 * the time and place rules allow becomes a pair labelled same event or not.
 */
import type { Incident, IncidentFacts } from '../../domain/incident.js';
import type { ClusterConfig } from '../../incident/cluster/cluster-config.js';
import { withReport, type OpenIncident } from '../../incident/cluster/cluster-state.js';
import { mergeFacts } from '../../incident/cluster/merge-facts.js';
import type { PairFeatures } from '../../incident/cluster/pair-feature-names.js';
import { candidates } from '../../incident/cluster/cluster-score.js';
import { timeVerdict } from '../../incident/cluster/time-verdict.js';
import type { ExtractionVocabulary } from '../../incident/extract/vocabulary.js';
import { prepareReport, type ClusterItem } from '../../incident/prepare-report.js';

/** A report with its gold event. */
export interface KeyedItem extends ClusterItem {
  readonly key: string;
}

export interface LabelledPair {
  readonly features: PairFeatures;
  readonly same: boolean;
}

const SEEN = new Date('2030-01-01T00:00:00Z');

/** An incident holding only facts: all the clusterer's features need. */
function factsOnly(facts: IncidentFacts): Incident {
  return {
    id: 'gold',
    version: 1,
    facts,
    topics: [],
    why: '',
    summary: '',
    headline: '',
    sources: [],
    firstSeen: '',
    updatedAt: '',
    timeline: [],
    confidence: 0,
  };
}

export function goldPairs(
  items: readonly KeyedItem[],
  vocabulary: ExtractionVocabulary,
  cfg: ClusterConfig,
): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  let open: { key: string; open: OpenIncident }[] = [];
  for (const item of items) {
    const p = prepareReport(item, SEEN, vocabulary);
    const gold = open.map((o) => ({ key: o.key, features: o.open.features }));
    const times = gold.map((o) => timeVerdict(p.features, o.features, cfg));
    for (const c of candidates(p.features, gold, times, cfg))
      pairs.push({ features: c.features, same: c.incident.key === item.key });
    const prev = open.find((o) => o.key === item.key)?.open ?? null;
    const facts = prev ? mergeFacts(prev.incident.facts, p.report.facts).facts : p.report.facts;
    const next = withReport(prev, factsOnly(facts), p.features, p.url);
    open = [...open.filter((o) => o.key !== item.key), { key: item.key, open: next }];
    open = open.slice(-cfg.openIncidents.max);
  }
  return pairs;
}
