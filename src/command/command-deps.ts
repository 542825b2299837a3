import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { FeedHealthPort, FeedRegistryPort, FeedValidator } from './feed-ports.js';
import type { IncidentQueryPort } from '../store/incident-query-port.js';
import type { MuteStore } from '../store/mute-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import type { MapPort } from './map-port.js';

export interface TopicInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly example: string;
}

export interface CommandLimits {
  readonly maxSubscriptionsPerUser: number;
  readonly maxRoutesPerChannel: number;
  readonly maxMute: number;
}

export const DEFAULT_COMMAND_LIMITS: CommandLimits = {
  maxSubscriptionsPerUser: 25,
  maxRoutesPerChannel: 25,
  maxMute: 30 * 86_400_000,
};

/** Everything the command core reads or changes, as ports. Wired in main.ts. */
export interface CommandDeps {
  readonly incidents: IncidentQueryPort;
  readonly subscriptions: SubscriptionStore;
  readonly mutes: MuteStore;
  readonly deliveries: DeliveryStore;
  readonly feedHealth: FeedHealthPort;
  readonly feedValidator: FeedValidator;
  readonly feedRegistry: FeedRegistryPort;
  readonly topics: readonly TopicInfo[];
  readonly gazetteer?: Gazetteer;
  /** Draws incident maps (`/sitrep map`); without it the command says maps are off. */
  readonly maps?: MapPort;
  readonly limits: CommandLimits;
  /** Told about unexpected failures (the reply only says something went wrong): log them. */
  readonly onInternalError?: (err: unknown, req: { text: string }) => void;
}
