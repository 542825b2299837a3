import type { AlertDelivery, AlertSink } from '../queue/alert-sink.js';
import { factLine } from '../summary/fact-line.js';
import { writeLine } from './io.js';

/** Prints alerts: a readable block, or one JSON line each with `json`. */
export function createConsoleSink(out: NodeJS.WritableStream, json: boolean): AlertSink {
  return {
    async deliver(alert: AlertDelivery) {
      const i = alert.incident;
      const outlets = new Set(i.sources.filter((s) => !s.duplicateOf).map((s) => s.outlet || s.url))
        .size;
      const listed = i.sources.filter((s) => !s.duplicateOf);
      if (json) {
        writeLine(
          out,
          JSON.stringify({
            kind: alert.kind,
            incident: i.id,
            version: i.version,
            title: i.headline,
            facts: factLine(i.facts, outlets),
            summary: i.summary,
            topics: i.topics,
            why: i.why,
            sources: i.sources.map((s) => ({ outlet: s.outlet, url: s.url })),
            changes: alert.changes,
          }),
        );
        return;
      }
      const head = alert.kind === 'new' ? '🚨 NEW INCIDENT' : `↻ UPDATE (v${i.version})`;
      const lines = [
        `${head} ${i.id}: ${i.headline}`,
        `  ${i.summary.replace(/\n/g, '\n  ')}`,
        `  topics: ${i.topics.join(', ')}`,
        `  sources (${outlets} ${outlets === 1 ? 'outlet' : 'outlets'}):`,
        ...listed.map((s) => `    • ${s.outlet || '?'}: ${s.title} ${s.url}`.trimEnd()),
        `  why: ${i.why}`,
        ...alert.changes.map((c) => `  changed: ${c}`),
        '',
      ];
      writeLine(out, lines.join('\n'));
    },
  };
}
