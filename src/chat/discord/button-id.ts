/**
 * Button custom ids (at most 100 characters). Alert buttons carry only an action and the
 * incident id (`sr:a:s:inc_abcd1234`): a click rebuilds the command from the stored incident, so
 * it works however long the command is and after a restart. Reply buttons carry their command
 * (`sr:c:mute militia-attacks for 8h`) when it fits; a longer one is remembered in memory under
 * a hash (`sr:h:…`), which a restart forgets (the click then asks to run the command again).
 */
import { createHash } from 'node:crypto';
import type { AlertButton } from '../../alert/alert-message.js';
import { LIMITS } from './limits.js';

export type AlertAction = AlertButton['id'];

const ACTION_CODES: Record<AlertAction, string> = {
  'subscribe-similar': 's',
  'mute-topic': 'm',
  details: 'd',
};

export type ButtonId =
  | { readonly kind: 'alert'; readonly action: AlertAction; readonly incidentId: string }
  | { readonly kind: 'command'; readonly command: string }
  | { readonly kind: 'hashed'; readonly hash: string };

export function alertButtonId(action: AlertAction, incidentId: string): string {
  return `sr:a:${ACTION_CODES[action]}:${incidentId}`;
}

export function decodeButtonId(customId: string): ButtonId | undefined {
  const m = /^sr:([ach]):([\s\S]*)$/.exec(customId);
  if (!m) return undefined;
  const [, kind, rest = ''] = m;
  if (kind === 'c') return rest ? { kind: 'command', command: rest } : undefined;
  if (kind === 'h') return rest ? { kind: 'hashed', hash: rest } : undefined;
  const a = /^([smd]):(\S+)$/.exec(rest);
  const action = (Object.keys(ACTION_CODES) as AlertAction[]).find(
    (k) => ACTION_CODES[k] === a?.[1],
  );
  return action && a?.[2] ? { kind: 'alert', action, incidentId: a[2] } : undefined;
}

/** Custom ids for reply buttons; remembers the commands too long to carry (bounded, in memory). */
export class ButtonCommands {
  private readonly long = new Map<string, string>();

  constructor(private readonly capacity = 2000) {}

  idFor(command: string): string {
    const direct = `sr:c:${command}`;
    if (direct.length <= LIMITS.customId) return direct;
    const hash = createHash('sha256').update(command).digest('base64url').slice(0, 24);
    this.long.delete(hash);
    this.long.set(hash, command);
    if (this.long.size > this.capacity) {
      const oldest = this.long.keys().next().value;
      if (oldest !== undefined) this.long.delete(oldest);
    }
    return `sr:h:${hash}`;
  }

  commandFor(hash: string): string | undefined {
    return this.long.get(hash);
  }
}
