/**
 * Answering in time: Discord wants a response within 3 seconds. A quick answer is sent at once;
 * slow work is deferred (a "thinking…" response, ephemeral when the answer most likely is) and
 * the answer then replaces it. A public deferral whose answer turns out ephemeral (an error) is
 * deleted and the answer sent as an ephemeral follow-up, so errors never show to the channel.
 */
import type { PendingAnswer } from './interaction-answers.js';
import type { RenderedReply } from './reply-render.js';

export interface Responder {
  reply(r: RenderedReply): Promise<void>;
  defer(ephemeral: boolean): Promise<void>;
  editOriginal(r: RenderedReply): Promise<void>;
  /** Deletes the deferred (public) response and sends `r` as an ephemeral follow-up. */
  replaceWithFollowUp(r: RenderedReply): Promise<void>;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function respond(
  responder: Responder,
  answer: PendingAnswer,
  deferAfterMs: number,
): Promise<'replied' | 'deferred'> {
  const early = deferAfterMs > 0 ? await within(answer.reply, deferAfterMs) : undefined;
  if (early) {
    await responder.reply(early);
    return 'replied';
  }
  await responder.defer(answer.likelyEphemeral);
  const r = await answer.reply;
  if (!answer.likelyEphemeral && r.ephemeral) await responder.replaceWithFollowUp(r);
  else await responder.editOriginal(r);
  return 'deferred';
}
