/**
 * The real Slack front end (Bolt, WebClient) started against the fake Web API, with the
 * command core over in-memory stores: what the Slack integration tests drive.
 */
import { startSlackFrontEnd, type SlackFrontEnd } from '../../src/chat/slack/slack-front-end.js';
import type { CommandService } from '../../src/chat/front-end.js';
import type { CommandDeps } from '../../src/command/command-deps.js';
import type { MapPort } from '../../src/command/map-port.js';
import type { CommandReply, CommandRequest } from '../../src/command/command-types.js';
import { runCommand } from '../../src/command/run-command.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Incident } from '../../src/domain/incident.js';
import { createLogger } from '../../src/log/logger.js';
import type { FakeSlackApi } from './fake-slack-api.js';
import { memoryCommandDeps, MemoryMuteStore, MemorySubscriptionStore } from './memory-stores.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const silentLog = createLogger({ level: 'silent', pretty: false });

export interface SlackHarness {
  readonly frontEnd: SlackFrontEnd;
  readonly subs: MemorySubscriptionStore;
  readonly mutes: MemoryMuteStore;
  /** Every request the command core was asked to run. */
  readonly requests: CommandRequest[];
}

export function memoryDeps(
  incidents: Incident[],
  subscriptions = new MemorySubscriptionStore(),
  mutes = new MemoryMuteStore(),
): CommandDeps {
  return memoryCommandDeps(incidents, { subscriptions, mutes });
}

export interface HarnessOptions {
  readonly mode: 'http' | 'socket';
  readonly incidents?: Incident[];
  readonly admins?: string;
  /** Runs before the command core (e.g. to hold a command until the test lets it go). */
  readonly beforeRun?: (req: CommandRequest) => Promise<void>;
  /** The map renderer for `/sitrep map` (none: maps are off). */
  readonly maps?: MapPort;
}

export async function startSlackHarness(
  api: FakeSlackApi,
  options: HarnessOptions,
): Promise<SlackHarness> {
  const subs = new MemorySubscriptionStore();
  const mutes = new MemoryMuteStore();
  const deps: CommandDeps = {
    ...memoryDeps(options.incidents ?? [], subs, mutes),
    ...(options.maps ? { maps: options.maps } : {}),
  };
  const requests: CommandRequest[] = [];
  const commands: CommandService = {
    deps,
    async run(req): Promise<CommandReply> {
      requests.push(req);
      await options.beforeRun?.(req);
      return runCommand(req, deps);
    },
  };
  const config = loadConfig({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_MODE: options.mode,
      SLACK_API_URL: api.apiUrl,
      ...(options.mode === 'http'
        ? { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' }
        : { SLACK_APP_TOKEN: 'xapp-test' }),
      ...(options.admins ? { SLACK_ADMINS: options.admins } : {}),
    },
  });
  const frontEnd = await startSlackFrontEnd(
    { config, log: silentLog, commands },
    {
      retryConfig: { retries: 1, minTimeout: 50, maxTimeout: 100 },
      connectTimeoutMs: 2_000,
    },
  );
  return {
    frontEnd,
    subs,
    mutes,
    requests,
  };
}
