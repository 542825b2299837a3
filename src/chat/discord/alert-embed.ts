/**
 * AlertMessage / DigestMessage → Discord message bodies: one embed (title, facts as fields,
 * summary, source links with the outlet count, a colour per incident type, a timestamp) and the
 * alert's buttons. Every body carries `allowed_mentions: { parse: [] }` and fits the limits.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { AlertButton, AlertMessage } from '../../alert/alert-message.js';
import type { DigestMessage } from '../../alert/digest-message.js';
import { EVENT_TYPES, type EventType } from '../../domain/incident.js';
import { alertButtonId } from './button-id.js';
import { fitEmbed, joinLines, LIMITS, truncate } from './limits.js';
import { NO_MENTIONS } from './no-mentions.js';

export const TYPE_COLOURS: Record<EventType, number> = {
  Battles: 0xd93025,
  'Explosions/Remote violence': 0xe8710a,
  'Violence against civilians': 0x9334e6,
  'Strategic developments': 0x1a73e8,
  'Political statement': 0x5f6368,
};
export const UNKNOWN_COLOUR = 0x80868b;
export const DIGEST_COLOUR = 0x34a853;

/** The incident type is the start of the "Type" field ("Battles — Armed clash"). */
export function colourFor(message: AlertMessage): number {
  const type = message.fields.find((f) => f.label === 'Type')?.value ?? '';
  const found = EVENT_TYPES.find((t) => type === t || type.startsWith(`${t} `));
  return found ? TYPE_COLOURS[found] : UNKNOWN_COLOUR;
}

/** Makes text safe inside a markdown link label. */
function label(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

function href(url: string): string {
  return url.replace(/\)/g, '%29').replace(/\s/g, '%20');
}

export function markdownLink(text: string, url: string): string {
  return /^https?:\/\//i.test(url) ? `[${label(text)}](${href(url)})` : label(text);
}

function factFields(message: AlertMessage): APIEmbedField[] {
  return message.fields.map((f) =>
    f.label === 'Casualties'
      ? { name: 'Casualties', value: f.value.split('; ').join('\n'), inline: false }
      : { name: f.label, value: f.value, inline: f.label !== 'Actors' },
  );
}

export function alertEmbed(message: AlertMessage, now: Date): APIEmbed {
  const fields = factFields(message);
  if (message.whatChanged)
    fields.unshift({ name: 'What changed', value: message.whatChanged, inline: false });
  const sources = message.sources.map((s) => markdownLink(`${s.outlet}: ${s.title}`, s.url));
  if (sources.length > 0)
    fields.push({
      name: `Sources (${message.outlets})`,
      value: joinLines(sources, LIMITS.fieldValue),
      inline: false,
    });
  const url = message.sources[0]?.url;
  return fitEmbed({
    title: message.title,
    ...(url && /^https?:\/\//i.test(url) ? { url } : {}),
    description: message.summary || message.fallback,
    color: colourFor(message),
    fields,
    footer: { text: message.context },
    timestamp: now.toISOString(),
  });
}

const STYLES: Record<AlertButton['id'], ButtonStyle.Primary | ButtonStyle.Secondary> = {
  'subscribe-similar': ButtonStyle.Primary,
  'mute-topic': ButtonStyle.Secondary,
  details: ButtonStyle.Secondary,
};

export function alertButtons(message: AlertMessage): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = message.buttons
    .slice(0, LIMITS.buttonsPerRow)
    .map((b): APIButtonComponent & { custom_id: string } => ({
      type: ComponentType.Button,
      style: STYLES[b.id],
      label: truncate(b.label, LIMITS.buttonLabel),
      custom_id: alertButtonId(b.id, message.incidentId),
    }))
    .filter((b) => b.custom_id.length <= LIMITS.customId);
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** The body of a new alert, and of the edit that replaces it with an update. */
export function alertBody(message: AlertMessage, now: Date): RESTPostAPIChannelMessageJSONBody {
  return {
    embeds: [alertEmbed(message, now)],
    components: alertButtons(message),
    allowed_mentions: NO_MENTIONS,
  };
}

export function digestBody(digest: DigestMessage, now: Date): RESTPostAPIChannelMessageJSONBody {
  const lines = digest.items.map((i) => `• ${i.url ? markdownLink(i.line, i.url) : i.line}`);
  const n = digest.covers.length;
  return {
    embeds: [
      fitEmbed({
        title: digest.title,
        description: joinLines(lines, LIMITS.description),
        color: DIGEST_COLOUR,
        footer: { text: `${n} incident${n === 1 ? '' : 's'} · /sitrep incident <id> for details` },
        timestamp: now.toISOString(),
      }),
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

/** A plain message (notices, thread replies). */
export function textBody(text: string): RESTPostAPIChannelMessageJSONBody {
  return { content: truncate(text.trim() || '…', LIMITS.content), allowed_mentions: NO_MENTIONS };
}
