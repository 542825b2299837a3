/**
 * The console front end: no commands, one standing subscription that sends every alert to the
 * terminal through the console platform (see console-platform.ts). `sitrep start` uses it when
 * no chat tokens are set; `sitrep demo` always.
 */
import type { Destination, Subscription } from '../../domain/subscription.js';
import type { FrontEndFactory } from '../front-end.js';
import { createConsolePlatform, type ConsoleOptions } from './console-platform.js';

/**
 * The terminal, as a destination: one reader, like a direct message (so a busy hour is not
 * folded into a burst digest as a channel's would be).
 */
export const CONSOLE_DESTINATION: Destination = {
  platform: 'console',
  workspaceId: 'local',
  kind: 'dm',
  id: 'stdout',
};

const everyAlert: Subscription = {
  id: 'console',
  kind: 'personal',
  ownerId: 'console',
  destination: CONSOLE_DESTINATION,
  query: '*',
  mode: 'live',
  createdAt: '1970-01-01T00:00:00.000Z',
};

export function createConsoleFrontEnd(
  out: NodeJS.WritableStream,
  options: ConsoleOptions,
): FrontEndFactory {
  return async () => ({
    platform: createConsolePlatform(out, options),
    standing: [everyAlert],
    stop: async () => undefined,
  });
}
