import type { Destination, Platform, Subscription } from '../domain/subscription.js';

export type NewSubscription = Omit<Subscription, 'id' | 'createdAt' | 'disabled'>;

/** Subscriptions and routes. Ids are short and stable ("s12") so people can type them. */
export interface SubscriptionStore {
  create(input: NewSubscription, now: Date): Promise<Subscription>;
  get(id: string): Promise<Subscription | null>;
  remove(id: string): Promise<boolean>;
  /** A user's personal subscriptions in one workspace. */
  listByOwner(platform: Platform, workspaceId: string, ownerId: string): Promise<Subscription[]>;
  listByDestination(destination: Destination): Promise<Subscription[]>;
  /** Every subscription, for building the matching index. */
  listAll(): Promise<Subscription[]>;
  /** Marks it disabled (permanent delivery failure) or enabled again (`reason` null). */
  setDisabled(id: string, reason: string | null, now: Date): Promise<void>;
  /** Increases on every change: the worker rebuilds its index when it moves. */
  revision(): Promise<number>;
}
