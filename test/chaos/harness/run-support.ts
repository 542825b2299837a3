/**
 * Helpers of a chaos delivery run (delivery-run.ts): the destinations it routes to, the
 * environment of a `sitrep start` worker, what the chat API got per incident, and the jobs
 * left over.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '../../../src/queue/jobs.js';

/** The `i`th channel a chaos run routes alerts to (JSON fake chat or Slack). */
export function chaosDestination(slack: boolean, i: number) {
  return {
    platform: slack ? 'slack' : 'test',
    workspaceId: slack ? 'T1' : 'W-CHAOS',
    kind: 'channel',
    id: i === 0 ? 'C-CHAOS' : `C-CHAOS-${i + 1}`,
  } as const;
}

/** What a chaos worker running the real Slack front end is given (all fake, all local). */
export function slackEnv(chatUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-chaos-0000-fake',
    SLACK_MODE: 'http',
    SLACK_SIGNING_SECRET: 'chaos-fake-signing-secret',
    SLACK_HOST: '127.0.0.1',
    SLACK_PORT: '0',
    SLACK_API_URL: `${chatUrl}/api/`,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts per incident: a later outlet's report (`…-second`, `…-third`) counts for its incident. */
export function postsPerIncident(perKey: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, n] of perKey) {
    const k = key.replace(/-(second|third)$/, '');
    out.set(k, (out.get(k) ?? 0) + n);
  }
  return out;
}

const WORK_QUEUES = [QUEUES.items, QUEUES.alerts, QUEUES.deliveries];

/** Jobs of the run still waiting, running or delayed (0 once everything went through). */
export async function pendingJobs(redis: Redis, prefix: string): Promise<number> {
  let n = 0;
  for (const name of WORK_QUEUES) {
    const q = new Queue(name, { connection: redis, prefix });
    q.on('error', () => undefined); // the run's own Redis may be restarting
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    n += Object.values(c).reduce((a, b) => a + b, 0);
    await q.close();
  }
  return n;
}

export async function jobDiagnostics(redis: Redis, prefix: string) {
  const failedJobs: string[] = [];
  const pendingJobs: Record<string, number> = {};
  for (const name of WORK_QUEUES) {
    const q = new Queue(name, { connection: redis, prefix });
    q.on('error', () => undefined); // the run's own Redis may be restarting
    for (const job of await q.getFailed(0, 50))
      failedJobs.push(`${name}/${job.id}: ${job.failedReason}`);
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    pendingJobs[name] = Object.values(c).reduce((a, b) => a + b, 0);
    for (const job of await q.getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, 20)) {
      const state = await job.getState();
      failedJobs.push(
        `pending ${name}/${job.id} ${state} attempts=${job.attemptsMade} started=${job.attemptsStarted} ` +
          `stalled=${job.stalledCounter} delay=${job.delay} reason=${job.failedReason ?? ''}`,
      );
    }
    await q.close();
  }
  return { failedJobs, pendingJobs };
}
