import type { CommandDeps } from './command-deps.js';
import type { CommandReply } from './command-types.js';
import { SUBCOMMANDS, usageOf } from './subcommand-usage.js';
import { usageReply } from './reply.js';

export function helpCommand(args: string): CommandReply {
  const name = args.trim().toLowerCase();
  if (name) {
    const u = usageOf(name);
    if (!u) return usageReply('help', `There is no subcommand "${name}".`);
    return {
      ephemeral: true,
      title: `/sitrep ${u.usage}`,
      text: [u.summary, u.admin ? `(${u.admin})` : ''].filter(Boolean).join(' '),
      items: u.examples.map((e) => ({ text: `/sitrep ${e}` })),
      ...(name === 'subscribe' || name === 'search' ? { fields: QUERY_HELP } : {}),
    };
  }
  return {
    ephemeral: true,
    title: 'sitrep: incidents involving US and coalition forces in Iraq and Syria',
    items: SUBCOMMANDS.map((s) => ({ text: `/sitrep ${s.usage} — ${s.summary}` })),
    fields: QUERY_HELP,
  };
}

const QUERY_HELP = [
  { label: 'Words', value: 'drone rocket (all must appear); "car bomb" (exact phrase)' },
  { label: 'Logic', value: 'drone OR rocket; NOT isis or -isis; parentheses (a OR b) c' },
  {
    label: 'Fields',
    value: 'topic:casualties type:drone place:anbar actor:"Kataib Hezbollah" side:us',
  },
  { label: 'Casualties', value: 'killed>=1 injured>5 (also >, =, <=, <; over all sides)' },
  {
    label: 'Spelling',
    value: "case, accents and aliases don't matter: Kata'ib Hizbollah = Kataib Hezbollah",
  },
];

export function topicsCommand(deps: CommandDeps): CommandReply {
  return {
    ephemeral: true,
    title: 'Topics',
    items: deps.topics.map((t) => ({
      id: t.id,
      text: `${t.title} (${t.id}) — ${t.description} Example: “${t.example}”`,
    })),
    text: 'Route one into a channel with /sitrep route <topic>, or subscribe with topic:<topic>.',
  };
}
