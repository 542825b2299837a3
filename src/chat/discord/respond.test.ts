import { describe, expect, it } from 'vitest';
import type { RenderedReply } from './reply-render.js';
import { respond, type Responder } from './respond.js';

const reply = (ephemeral: boolean): RenderedReply => ({
  ephemeral,
  content: 'ok',
  embeds: [],
  components: [],
});

function recorder(): Responder & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    reply: async (r) => void calls.push(`reply:${r.ephemeral}`),
    defer: async (e) => void calls.push(`defer:${e}`),
    editOriginal: async (r) => void calls.push(`edit:${r.ephemeral}`),
    replaceWithFollowUp: async (r) => void calls.push(`followUp:${r.ephemeral}`),
  };
}

describe('respond', () => {
  it('replies at once when the answer is ready in time', async () => {
    const r = recorder();
    const how = await respond(
      r,
      { text: 't', likelyEphemeral: true, reply: Promise.resolve(reply(true)) },
      1000,
    );
    expect(how).toBe('replied');
    expect(r.calls).toEqual(['reply:true']);
  });

  it('defers slow work, then edits the original', async () => {
    const r = recorder();
    let finish: (v: RenderedReply) => void = () => undefined;
    const work = new Promise<RenderedReply>((resolve) => (finish = resolve));
    const done = respond(r, { text: 't', likelyEphemeral: false, reply: work }, 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.calls).toEqual(['defer:false']);
    finish(reply(false));
    expect(await done).toBe('deferred');
    expect(r.calls).toEqual(['defer:false', 'edit:false']);
  });

  it('swaps a public deferral for an ephemeral follow-up when the answer is ephemeral', async () => {
    const r = recorder();
    await respond(r, { text: 't', likelyEphemeral: false, reply: Promise.resolve(reply(true)) }, 0);
    expect(r.calls).toEqual(['defer:false', 'followUp:true']);
  });
});
