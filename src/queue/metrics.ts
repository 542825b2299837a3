import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The pipeline's Prometheus metrics, on their own registry (no global state). */
export interface PipelineMetrics {
  readonly registry: Registry;
  readonly polls: Counter<'outcome'>;
  readonly fetchErrors: Counter<'reason'>;
  /** Fetched documents parsed, by where: `thread` (a parse thread) or `in_place`. */
  readonly feedParses: Counter<'where'>;
  readonly parseThreadStops: Counter;
  readonly itemsSeen: Counter;
  readonly itemsNew: Counter;
  readonly itemsMatched: Counter;
  /** Article reads by outcome (fetched, cached, late, robots, timeout, no-text…). */
  readonly enrich: Counter<'outcome'>;
  readonly alerts: Counter<'kind'>;
  readonly jobDuration: Histogram<'queue'>;
  readonly chatDeliveries: Counter<'platform' | 'outcome'>;
  readonly commands: Counter<'platform' | 'subcommand' | 'outcome'>;
}

export function createMetrics(): PipelineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sitrep_' });
  const reg = [registry];
  return {
    registry,
    polls: new Counter({
      name: 'sitrep_polls_total',
      help: 'Feed polls by outcome',
      labelNames: ['outcome'],
      registers: reg,
    }),
    fetchErrors: new Counter({
      name: 'sitrep_fetch_errors_total',
      help: 'Feed fetch/parse errors by reason',
      labelNames: ['reason'],
      registers: reg,
    }),
    enrich: new Counter({
      name: 'sitrep_enrich_total',
      help: 'Article reads for candidate items by outcome',
      labelNames: ['outcome'],
      registers: reg,
    }),
    feedParses: new Counter({
      name: 'sitrep_feed_parses_total',
      help: 'Fetched feed documents parsed, on a parse thread or in place (no thread, or it died)',
      labelNames: ['where'],
      registers: reg,
    }),
    parseThreadStops: new Counter({
      name: 'sitrep_parse_thread_stops_total',
      help: 'Parse threads that stopped unexpectedly (each is started again)',
      registers: reg,
    }),
    itemsSeen: new Counter({
      name: 'sitrep_items_seen_total',
      help: 'Items read from feeds',
      registers: reg,
    }),
    itemsNew: new Counter({
      name: 'sitrep_items_new_total',
      help: 'Items never seen before',
      registers: reg,
    }),
    itemsMatched: new Counter({
      name: 'sitrep_items_matched_total',
      help: 'Items on topic',
      registers: reg,
    }),
    alerts: new Counter({
      name: 'sitrep_alerts_total',
      help: 'Alerts delivered',
      labelNames: ['kind'],
      registers: reg,
    }),
    jobDuration: new Histogram({
      name: 'sitrep_job_duration_seconds',
      help: 'Job processing time by queue',
      labelNames: ['queue'],
      buckets: [0.005, 0.02, 0.1, 0.5, 2, 10, 30],
      registers: reg,
    }),
    chatDeliveries: new Counter({
      name: 'sitrep_chat_deliveries_total',
      help: 'Chat deliveries by platform and outcome (posted, edited, digest, already, failed_transient, failed_permanent, ...)',
      labelNames: ['platform', 'outcome'],
      registers: reg,
    }),
    commands: new Counter({
      name: 'sitrep_commands_total',
      help: '/sitrep commands by platform, subcommand and outcome (ok or the error code)',
      labelNames: ['platform', 'subcommand', 'outcome'],
      registers: reg,
    }),
  };
}
