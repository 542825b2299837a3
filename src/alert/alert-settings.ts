/** Tunables of delivery planning (from config; defaults suit a busy news day). */
export interface AlertSettings {
  /** A channel that got this many live alerts within `burstWindowMs` gets the rest as a digest. */
  readonly burstThreshold: number;
  readonly burstWindowMs: number;
  /** UTC hour at which daily digests go out. */
  readonly dailyHourUtc: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  burstThreshold: 5,
  burstWindowMs: 10 * 60_000,
  dailyHourUtc: 8,
};
