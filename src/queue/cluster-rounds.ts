/**
 * Clustering in rounds (one queue per worker). The clustering step of an item reads the open
 * incidents, decides, and saves; two items must not decide against the same open incidents,
 * so the steps of one worker's items jobs used to take turns, one item at a time, each with
 * its own two Redis round trips (the open incidents' revisions, the save). In a burst those
 * round trips, slowed by a busy event loop, were most of the turn, and items waited in line
 * for them (docs/SCALING.md, "Seventh round"). Now the items that wait while a round runs
 * make the next round together: one read of the revisions, each item decided in arrival order
 * against the incidents as the earlier ones of the round left them, and their saves sent
 * together (src/queue/item.processor.ts, `clusterRound`).
 */

/** One item's request, settled when its round has saved (or failed to save) it. */
interface Waiting<T, R> {
  readonly request: T;
  readonly resolve: (r: R) => void;
  readonly reject: (err: unknown) => void;
}

/** What a round gives each request, in order: its result or its error. */
export type RoundOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export class ClusterRounds<T, R> {
  private readonly waiting: Waiting<T, R>[] = [];
  private running = false;

  constructor(
    /** Runs one round; returns one outcome per request, in order. */
    private readonly round: (requests: readonly T[]) => Promise<RoundOutcome<R>[]>,
    /** The most requests in one round (bounds a round's time on the main thread). */
    private readonly maxPerRound = 32,
  ) {}

  /** Runs `request` in the next round; resolves with its outcome. */
  run(request: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxPerRound);
        let outcomes: RoundOutcome<R>[];
        try {
          outcomes = await this.round(batch.map((w) => w.request));
        } catch (error) {
          outcomes = batch.map(() => ({ ok: false, error }));
        }
        batch.forEach((w, i) => {
          const o = outcomes[i] ?? {
            ok: false,
            error: new Error('clustering round lost a request'),
          };
          if (o.ok) w.resolve(o.value);
          else w.reject(o.error);
        });
      }
    } finally {
      this.running = false;
    }
  }
}
