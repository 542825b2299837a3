/**
 * Who gets which alert: subscriptions (personal, delivered by DM) and routes (a channel's
 * subscription), mutes, and the record of each delivery. Shared by the command core, the alert
 * planner, the stores and the delivery worker.
 */

export type Platform = 'slack' | 'discord' | 'console' | 'test';

/** Where a message goes: a channel, or a user's direct messages. */
export interface Destination {
  readonly platform: Platform;
  /** Slack team id / Discord guild id ('' for DMs on Discord). */
  readonly workspaceId: string;
  readonly kind: 'channel' | 'dm';
  /** Channel id, or the user id for a DM. */
  readonly id: string;
}

/** live: as soon as possible; hourly / daily: collected into a digest. */
export type DeliveryMode = 'live' | 'hourly' | 'daily';

export interface QuietHours {
  /** "22:00" and "07:00", local to `timeZone` (IANA, e.g. "Europe/Berlin"); may wrap midnight. */
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  /** During quiet hours an alert still comes through when this many or more were killed. */
  readonly urgentKilled?: number;
}

export interface Subscription {
  readonly id: string;
  /** personal: the owner's DMs; route: a channel (created by an admin). */
  readonly kind: 'personal' | 'route';
  readonly ownerId: string;
  readonly destination: Destination;
  /** The query as written (topic routes store `topic:<id>`). */
  readonly query: string;
  readonly mode: DeliveryMode;
  readonly quietHours?: QuietHours;
  /**
   * A route that also gets the weekly picture: the map and timeline of the week's incidents
   * matching its query, with the five most significant (see docs/MAPS.md).
   */
  readonly weeklyMap?: boolean;
  readonly createdAt: string;
  /** Set when delivery failed permanently (channel gone, DMs closed) or an admin paused it. */
  readonly disabled?: { readonly reason: string; readonly at: string };
}

export type MuteTarget =
  | { readonly kind: 'topic'; readonly topic: string }
  | { readonly kind: 'incident'; readonly incidentId: string };

export interface Mute {
  readonly id: string;
  readonly destination: Destination;
  readonly target: MuteTarget;
  /** ISO time the mute ends. */
  readonly until: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** The chat platform's handle on a posted message, so an update can edit it and thread under. */
export interface MessageRef {
  readonly channelId: string;
  readonly messageId: string;
}

export type DeliveryStatus = 'planned' | 'sent' | 'held' | 'failed';

export interface DeliveryRecord {
  readonly destination: Destination;
  readonly incidentId: string;
  readonly version: number;
  readonly status: DeliveryStatus;
  readonly at: string;
  /** The first message posted for this incident here (updates edit it and thread under it). */
  readonly messageRef?: MessageRef;
  /** Why it was held or failed ("quiet hours", "channel_not_found"). */
  readonly reason?: string;
  /** Ids of the subscriptions that selected this destination. */
  readonly subscriptionIds: readonly string[];
}

/** "slack:T1:channel:C1": one string per destination, for keys and maps. */
export function destinationKey(d: Destination): string {
  return `${d.platform}:${d.workspaceId}:${d.kind}:${d.id}`;
}
