/** feeds, feeds add, feeds remove: feed health and administration. */
import { UserError } from '../domain/errors.js';
import type { FeedHealth } from './feed-ports.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandReply, CommandRequest } from './command-types.js';
import { plural, requireAdmin, usageReply } from './reply.js';

function healthLine(f: FeedHealth): string {
  const parts = [`${f.status === 'ok' ? 'OK' : f.status.toUpperCase()} ${f.name} (${f.id})`];
  if (f.reason) parts.push(`— ${f.reason}`);
  if (f.consecutiveFailures > 0)
    parts.push(`· ${plural(f.consecutiveFailures, 'failure')} in a row`);
  if (f.lastItem) parts.push(`· last item ${f.lastItem.slice(0, 16).replace('T', ' ')}`);
  if (f.lastSuccess) parts.push(`· last fetched ${f.lastSuccess.slice(0, 16).replace('T', ' ')}`);
  if (f.nextPoll) parts.push(`· next ${f.nextPoll.slice(11, 16)}`);
  return parts.join(' ');
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

async function addFeed(url: string, req: CommandRequest, deps: CommandDeps): Promise<CommandReply> {
  requireAdmin(req, 'add feeds');
  const clean = url.replace(/^<|>$/g, '');
  if (!isHttpUrl(clean)) return usageReply('feeds', `"${url}" is not an http(s) URL.`);
  const check = await deps.feedValidator.validate(clean);
  if (!check.ok) throw new UserError('feed_invalid', `Not added: ${check.reason}`);
  const { id } = await deps.feedRegistry.add({ url: check.url, name: check.title }, req.user.id);
  return {
    ephemeral: false,
    title: `Feed added: ${check.title} (${id})`,
    text: `${plural(check.items, 'item')} found. Existing items are recorded silently; new ones will alert.`,
  };
}

export async function feedsCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const [action = '', arg = '', ...extra] = args.trim().split(/\s+/);
  if (action === 'add' || action === 'remove') {
    if (!arg || extra.length > 0)
      return usageReply(
        'feeds',
        `feeds ${action} takes one ${action === 'add' ? 'URL' : 'feed id'}.`,
      );
    if (action === 'add') return addFeed(arg, req, deps);
    requireAdmin(req, 'remove feeds');
    if (!(await deps.feedRegistry.remove(arg)))
      throw new UserError('not_found', `No feed "${arg}". /sitrep feeds lists them.`);
    return { ephemeral: false, text: `Feed ${arg} removed.` };
  }
  if (action) return usageReply('feeds', `Unknown feeds action "${action}".`);
  const feeds = await deps.feedHealth.list();
  const failing = feeds.filter((f) => f.status === 'failing').length;
  return {
    ephemeral: true,
    title: `${plural(feeds.length, 'feed')}, ${failing} failing`,
    items: [...feeds]
      .sort((a, b) => Number(b.status === 'failing') - Number(a.status === 'failing'))
      .map((f) => ({ id: f.id, text: healthLine(f), url: f.url })),
  };
}
