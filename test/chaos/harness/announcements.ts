/**
 * Was each change of each incident announced once in its thread? For every change in an
 * incident's timeline after its first version (a new source), the first top-level message the
 * chat API kept for the incident either already showed it (its report URL is in the message)
 * and no thread reply repeats it, or exactly one thread reply line announces it.
 */
import type { Incident } from '../../../src/domain/incident.js';
import type { ChatCall } from './fake-chat-server.js';

export interface AnnouncementCheck {
  /** Thread replies made (all destinations). */
  readonly replies: number;
  /** A change announced more than once in one incident's thread at one destination. */
  readonly repeated: readonly { key: string; change: string; times: number }[];
  /** A change the first message already showed, announced in its thread anyway. */
  readonly shownAndAnnounced: readonly { key: string; change: string }[];
  /** A change neither shown by the first message nor announced. */
  readonly unannounced: readonly { key: string; change: string }[];
  /** Reply lines that name no change of the incident ("Updated."). */
  readonly unexpected: readonly { key: string; line: string }[];
}

/** "Update: new source: Wire 1" (Slack) or "new source: Wire 1" (JSON fake), one per line. */
function replyLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^Update: /, '').trim())
    .filter((l) => l.length > 0);
}

type Findings = {
  -readonly [K in keyof AnnouncementCheck]: AnnouncementCheck[K] extends readonly (infer T)[]
    ? T[]
    : number;
};

/** One incident at one destination: its first message, its thread, its changes. */
function checkOne(here: readonly ChatCall[], incident: Incident, out: Findings): void {
  const key = incident.sources[0]?.url ?? incident.id;
  const posts = here.filter((c) => c.op === 'post' && c.keys[0] === key);
  const first = posts[0];
  if (!first) return; // a missing incident is reported by the delivery check
  const threads = new Set(posts.map((p) => p.messageId));
  const replies = here.filter((c) => c.op === 'reply' && threads.has(c.messageId));
  out.replies += replies.length;
  const lines = replies.flatMap((c) => replyLines(c.text));
  const changes = incident.timeline.filter((c) => c.version > 1);
  for (const line of new Set(lines))
    if (!changes.some((c) => c.description === line)) out.unexpected.push({ key, line });
  for (const change of changes) {
    const url = incident.sources.find((s) => s.itemId === change.sourceItemId)?.url ?? '';
    const shown = first.urls.includes(url);
    const times = lines.filter((l) => l === change.description).length;
    const what = { key, change: change.description };
    if (shown && times > 0) out.shownAndAnnounced.push(what);
    else if (!shown && times === 0) out.unannounced.push(what);
    if (times > 1) out.repeated.push({ ...what, times });
  }
}

export function checkAnnouncements(
  calls: readonly ChatCall[],
  destinations: readonly string[],
  incidents: readonly Incident[],
): AnnouncementCheck {
  const out: Findings = {
    replies: 0,
    repeated: [],
    shownAndAnnounced: [],
    unannounced: [],
    unexpected: [],
  };
  for (const destination of destinations) {
    const here = calls.filter((c) => c.destination === destination);
    for (const incident of incidents) checkOne(here, incident, out);
  }
  return out;
}
