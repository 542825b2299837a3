/** Reply builders shared by the subcommands. */
import { UserError } from '../domain/errors.js';
import type { QueryError } from '../subscription/query.js';
import type { CommandReply, CommandRequest, ReplyErrorCode } from './command-types.js';
import { usageOf } from './subcommand-usage.js';

export function errorReply(
  code: ReplyErrorCode,
  message: string,
  extra: Partial<CommandReply> = {},
): CommandReply {
  return { ephemeral: true, text: message, ...extra, error: { code, message } };
}

/** A usage reply for a subcommand called wrongly, with its examples. */
export function usageReply(name: string, problem?: string): CommandReply {
  const u = usageOf(name);
  const usage = u ? `Usage: /sitrep ${u.usage}` : 'Usage: /sitrep help';
  const text = [problem, usage, u?.summary].filter(Boolean).join('\n');
  return errorReply('usage', problem ?? usage, {
    title: `/sitrep ${name}`,
    text,
    items: (u?.examples ?? []).map((e) => ({ text: `/sitrep ${e}` })),
  });
}

/** A query that did not parse: the message plus a caret under the column. */
export function queryErrorReply(query: string, error: QueryError): CommandReply {
  const caret = `${' '.repeat(Math.max(0, error.column - 1))}^`;
  const message = `That query does not parse: ${error.message}.`;
  return errorReply('bad_query', message, {
    text: `${message}\n${query}\n${caret}\nSee /sitrep help subscribe for the query language.`,
  });
}

export function requireAdmin(req: CommandRequest, what: string): void {
  if (!req.user.isAdmin) {
    throw new UserError('admin_only', `Only workspace admins can ${what}.`);
  }
}

export function requireChannel(req: CommandRequest, what: string): void {
  if (req.channel.isDirect) {
    throw new UserError('usage', `Run this in the channel you want to ${what}, not in a DM.`);
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
