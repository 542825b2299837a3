/**
 * The platform-neutral alert: what the Slack and Discord adapters render (Block Kit / embed).
 *
 *   buildAlertMessage(incident, { previousVersion, topicTitles }) → AlertMessage
 *
 * Buttons carry the `/sitrep` command text they stand for, so an adapter runs a click through
 * the command core exactly as if the user had typed it.
 */
import type { Incident } from '../domain/incident.js';
import {
  actorsText,
  casualtiesText,
  headlineWithFacts,
  outletCount,
  placeText,
  typeText,
} from './incident-facts-text.js';

export interface AlertField {
  readonly label: string;
  readonly value: string;
}

export interface AlertButton {
  readonly id: 'subscribe-similar' | 'mute-topic' | 'details';
  readonly label: string;
  /** The `/sitrep` command line the button runs, e.g. "mute militia-attacks for 8h". */
  readonly command: string;
}

export interface AlertMessage {
  readonly incidentId: string;
  readonly version: number;
  readonly title: string;
  readonly fields: readonly AlertField[];
  readonly summary: string;
  readonly sources: readonly { outlet: string; title: string; url: string }[];
  /** "3 outlets". */
  readonly outlets: string;
  /** "First seen 2026-03-01 10:00 UTC · Topics: Militia attacks on US forces". */
  readonly context: string;
  readonly buttons: readonly AlertButton[];
  /** For an update: what changed since the version the destination last saw. */
  readonly whatChanged?: string;
  /** Why the incident matched its topics (the console prints it; chat offers a Details button). */
  readonly why?: string;
  /** Plain-text fallback (notifications, screen readers). */
  readonly fallback: string;
}

export interface AlertOptions {
  /** The version this destination saw last; the timeline after it becomes `whatChanged`. */
  readonly previousVersion?: number;
  /** Topic id → human title. */
  readonly topicTitles?: ReadonlyMap<string, string>;
}

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A query for "Subscribe to similar": the main actor and place, else the first topic. */
export function similarQuery(incident: Incident): string {
  const parts: string[] = [];
  const actor = incident.facts.actors.find((a) => a.side !== 'us' && a.side !== 'coalition');
  if (actor) parts.push(`actor:"${actor.name}"`);
  const place = incident.facts.location.admin1 ?? incident.facts.location.place;
  if (place) parts.push(`place:"${place}"`);
  if (parts.length === 0 && incident.topics[0]) parts.push(`topic:${incident.topics[0]}`);
  return parts.join(' ') || `"${incident.headline.replace(/"/g, '')}"`;
}

function buttons(incident: Incident): AlertButton[] {
  const out: AlertButton[] = [
    {
      id: 'subscribe-similar',
      label: 'Subscribe to similar',
      command: `subscribe ${similarQuery(incident)}`,
    },
  ];
  const topic = incident.topics[0];
  if (topic)
    out.push({ id: 'mute-topic', label: 'Mute this topic here', command: `mute ${topic} for 8h` });
  out.push({ id: 'details', label: 'Details', command: `incident ${incident.id}` });
  return out;
}

function fields(incident: Incident): AlertField[] {
  const candidates: [string, string | undefined][] = [
    ['Type', typeText(incident)],
    ['Place', placeText(incident)],
    ['Casualties', casualtiesText(incident)],
    ['Actors', actorsText(incident)],
  ];
  return candidates
    .filter((f): f is [string, string] => !!f[1])
    .map(([label, value]) => ({ label, value }));
}

/**
 * What changed after version `from` up to version `upTo` (default: the incident's own), one
 * timeline entry a line; undefined when `from` is not earlier.
 */
export function changesBetween(
  incident: Incident,
  from: number,
  upTo = incident.version,
): string | undefined {
  if (from >= upTo) return undefined;
  const changes = incident.timeline.filter((c) => c.version > from && c.version <= upTo);
  if (changes.length === 0) return `Updated (version ${from} → ${upTo}).`;
  return changes.map((c) => c.description).join('\n');
}

function whatChanged(incident: Incident, previousVersion: number | undefined): string | undefined {
  return previousVersion === undefined ? undefined : changesBetween(incident, previousVersion);
}

export function buildAlertMessage(incident: Incident, options: AlertOptions = {}): AlertMessage {
  const n = outletCount(incident);
  const topics = incident.topics.map((t) => options.topicTitles?.get(t) ?? t);
  const changed = whatChanged(incident, options.previousVersion);
  const context = [`First seen ${utc(incident.firstSeen)}`];
  if (incident.updatedAt !== incident.firstSeen) context.push(`updated ${utc(incident.updatedAt)}`);
  if (topics.length > 0) context.push(`Topics: ${topics.join(', ')}`);
  return {
    incidentId: incident.id,
    version: incident.version,
    title: incident.headline,
    fields: fields(incident),
    summary: incident.summary,
    sources: incident.sources
      .filter((s) => !s.duplicateOf)
      .map((s) => ({ outlet: s.outlet, title: s.title, url: s.url })),
    outlets: `${n} outlet${n === 1 ? '' : 's'}`,
    context: context.join(' · '),
    buttons: buttons(incident),
    ...(changed ? { whatChanged: changed } : {}),
    ...(incident.why ? { why: incident.why } : {}),
    fallback: `${changed ? 'Update: ' : ''}${headlineWithFacts(incident)}`,
  };
}
