/**
 * Autocomplete for `/sitrep` options: incident ids (recent incidents by id or headline), places
 * and actors (the gazetteer, by name or alias), topics, and the caller's subscriptions and this
 * channel's routes. At most 25 choices, names and values within 100 characters.
 */
import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { CommandService } from '../front-end.js';
import type { CommandRequest } from '../../command/command-types.js';
import { LIMITS, truncate } from './limits.js';

type Choice = APIApplicationCommandOptionChoice<string>;

const WINDOW_MS = 30 * 86_400_000;
const SCAN = 200;

function choice(name: string, value: string): Choice {
  return { name: truncate(name, LIMITS.choiceName), value: value.slice(0, LIMITS.choiceValue) };
}

/** Entries whose name or an alias contains the typed text, those starting with it first. */
function byName<T>(entries: readonly T[], typed: string, names: (e: T) => readonly string[]): T[] {
  const q = typed.trim().toLowerCase();
  if (!q) return entries.slice(0, LIMITS.choices);
  const scored = entries.flatMap((e) => {
    const all = names(e).map((n) => n.toLowerCase());
    if (all.some((n) => n.startsWith(q))) return [{ e, rank: 0 }];
    if (all.some((n) => n.includes(q))) return [{ e, rank: 1 }];
    return [];
  });
  return scored
    .sort((a, b) => a.rank - b.rank)
    .slice(0, LIMITS.choices)
    .map((s) => s.e);
}

async function incidents(commands: CommandService, typed: string, now: Date): Promise<Choice[]> {
  const recent = await commands.deps.incidents.recent({
    since: new Date(now.getTime() - WINDOW_MS),
    limit: SCAN,
  });
  return byName(recent, typed, (i) => [i.id, i.headline]).map((i) =>
    choice(`${i.id} — ${i.headline}`, i.id),
  );
}

function topics(commands: CommandService, typed: string): Choice[] {
  return byName(commands.deps.topics, typed, (t) => [t.id, t.title]).map((t) =>
    choice(`${t.title} (${t.id})`, t.id),
  );
}

/** Choices for the focused option `name`, as typed so far. */
export async function autocompleteChoices(
  commands: CommandService,
  req: CommandRequest,
  name: string,
  typed: string,
): Promise<Choice[]> {
  const gazetteer = commands.deps.gazetteer;
  switch (name) {
    case 'id':
      return incidents(commands, typed, req.now);
    case 'target': {
      const t = topics(commands, typed);
      const i = await incidents(commands, typed, req.now);
      return [...t, ...i].slice(0, LIMITS.choices);
    }
    case 'topic':
      return topics(commands, typed);
    case 'place':
      return byName(gazetteer?.places ?? [], typed, (p) => [p.name, ...p.aliases]).map((p) =>
        choice(p.admin1 && p.admin1 !== p.name ? `${p.name} (${p.admin1})` : p.name, p.name),
      );
    case 'actor':
      return byName(gazetteer?.actors ?? [], typed, (a) => [a.name, ...a.aliases]).map((a) =>
        choice(a.name, a.name),
      );
    case 'subscription': {
      const mine = await commands.deps.subscriptions.listByOwner('discord', '', req.user.id);
      return byName(mine, typed, (s) => [s.id, s.query]).map((s) =>
        choice(`${s.id}: ${s.query}`, s.id),
      );
    }
    case 'route': {
      const routes = await commands.deps.subscriptions.listByDestination({
        platform: 'discord',
        workspaceId: req.workspaceId,
        kind: 'channel',
        id: req.channel.id,
      });
      return byName(routes, typed, (s) => [s.id, s.query]).map((s) =>
        choice(`${s.id}: ${s.query}`, s.id),
      );
    }
    default:
      return [];
  }
}
