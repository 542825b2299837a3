const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back fixtures may ask: their times stay on one UTC day. */
const SPAN = 5 * HOUR;

/**
 * A publish time `hours` before now, every such time on one UTC day. Two reports of one attack
 * "on Monday" published either side of midnight read the weekday as two dates a week apart (the
 * event date counts back from each report's own day), and so are two incidents: a test that
 * expects one would fail in the first hours of every Monday. Before 05:00 UTC the times count
 * back from the end of the previous day instead of from now.
 */
export function sameDayAgo(hours: number): Date {
  if (hours < 0 || hours * HOUR >= SPAN) throw new Error(`sameDayAgo: ${hours} h is outside 0-5 h`);
  const now = Date.now();
  const base = now % DAY >= SPAN ? now : now - (now % DAY) - 1000;
  return new Date(base - hours * HOUR);
}
