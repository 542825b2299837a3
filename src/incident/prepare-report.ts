/**
 * A report made ready for clustering: its times (publish time, else the URL's date), extracted
 * facts, clustering features and source record. Shared by process-report.ts and the tuner.
 */
import type { IncidentSource } from '../domain/incident.js';
import { reportUrlKey } from '../domain/canonical-url.js';
import { reportFeatures, type ReportFeatures } from './cluster/report-features.js';
import { urlDate } from './cluster/url-date.js';
import { extractReport, type ExtractedReport } from './extract/extract-facts.js';
import type { ExtractionVocabulary } from './extract/vocabulary.js';

/** A report as the clusterer needs it (a FeedItem fits, with `url` = its link). */
export interface ClusterItem {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly content?: string;
  readonly published?: string | null;
  readonly source?: string;
  readonly url?: string;
}

/** One report ready for clustering: its facts, features, canonical URL and source record. */
export interface PreparedReport {
  readonly item: ClusterItem;
  readonly report: ExtractedReport;
  readonly features: ReportFeatures;
  readonly url: string;
  readonly source: IncidentSource;
}

/** The publish time, else a day from the URL; and a month from the URL when that is all. */
function reportTimes(item: ClusterItem): { published: number | null; approx: number | null } {
  const ms = item.published ? Date.parse(item.published) : Number.NaN;
  if (!Number.isNaN(ms)) return { published: ms, approx: null };
  const fromUrl = urlDate(item.url);
  if (fromUrl?.precision === 'day') return { published: fromUrl.ms, approx: null };
  return { published: null, approx: fromUrl ? fromUrl.ms + 15 * 86_400_000 : null };
}

/** Extracts a report and computes what the clusterer compares (`now` is the time it is seen). */
export function prepareReport(
  item: ClusterItem,
  now: Date,
  vocabulary: ExtractionVocabulary,
): PreparedReport {
  const { published, approx } = reportTimes(item);
  const iso = published === null ? null : new Date(published).toISOString();
  const report = extractReport({ ...item, published: iso }, vocabulary);
  const features = reportFeatures(report, published, vocabulary, approx);
  const source: IncidentSource = {
    itemId: item.id,
    outlet: item.source ?? '',
    url: item.url ?? '',
    title: report.title,
    published: published === null ? now.toISOString() : new Date(published).toISOString(),
    seenAt: now.toISOString(),
    lead: report.sentences.slice(0, 3),
  };
  return { item, report, features, url: reportUrlKey(item.url ?? ''), source };
}
