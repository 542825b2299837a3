import type { Destination, Mute } from '../domain/subscription.js';

export type NewMute = Omit<Mute, 'id' | 'createdAt'>;

export interface MuteStore {
  add(input: NewMute, now: Date): Promise<Mute>;
  /** Mutes of a destination still in force at `now`; expired ones are dropped. */
  listActive(destination: Destination, now: Date): Promise<Mute[]>;
  remove(id: string): Promise<boolean>;
}
