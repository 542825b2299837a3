/** Feeds added at run time by an admin (`/sitrep feeds add`), kept beside the configured ones. */

export interface RuntimeFeed {
  readonly id: string;
  readonly url: string;
  readonly name: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface RuntimeFeedStore {
  list(): Promise<RuntimeFeed[]>;
  add(feed: { url: string; name: string }, addedBy: string, now: Date): Promise<RuntimeFeed>;
  /** False when no runtime feed has this id. */
  remove(id: string): Promise<boolean>;
}
