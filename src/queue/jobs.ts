import { z } from 'zod';

/** Queue names (BullMQ adds the configured prefix). Feeds are polled from src/queue/schedule. */
export const QUEUES = {
  items: 'items',
  alerts: 'alerts',
  deliveries: 'deliveries',
  digests: 'digests',
} as const;

const feedItemSchema = z.object({
  id: z.string().min(1),
  feedId: z.string().min(1),
  title: z.string(),
  link: z.string(),
  summary: z.string(),
  content: z.string(),
  published: z.string(),
  updated: z.string().optional(),
  author: z.string().optional(),
  categories: z.array(z.string()),
  source: z.string().optional(),
});

export const itemJobSchema = z.object({
  item: feedItemSchema,
  /** A late article: the id of the item it revises; it updates that item's incident once. */
  revises: z.string().optional(),
});
export type ItemJob = z.output<typeof itemJobSchema>;

/** The new on-topic items of one fetch, processed in order by one job (name `items`). */
export const itemBatchJobSchema = z.object({ items: z.array(feedItemSchema).min(1) });
export type ItemBatchJob = z.output<typeof itemBatchJobSchema>;

/** What the items queue carries: one item (a late article) or the batch of one fetch. */
export type ItemsQueueJob = ItemJob | ItemBatchJob;

export const alertJobSchema = z.object({
  incidentId: z.string().min(1),
  version: z.number().int().positive(),
  kind: z.enum(['new', 'update']),
  changes: z.array(z.string()).default([]),
});
export type AlertJob = z.output<typeof alertJobSchema>;

const destinationSchema = z.object({
  platform: z.enum(['slack', 'discord', 'console', 'test']),
  workspaceId: z.string(),
  kind: z.enum(['channel', 'dm']),
  id: z.string().min(1),
});
const messageRefSchema = z.object({ channelId: z.string(), messageId: z.string() });

/** One planned delivery (a DeliveryPlan from src/alert/delivery-plan.ts, minus its job id). */
export const deliveryJobSchema = z.object({
  destination: destinationSchema,
  incidentId: z.string().min(1),
  version: z.number().int().positive(),
  mode: z.enum(['post', 'edit+thread']),
  previousRef: messageRefSchema.optional(),
  subscriptionIds: z.array(z.string()),
});
export type DeliveryJob = z.output<typeof deliveryJobSchema>;

/** The alerts held for one destination, released together as a digest. */
export const digestJobSchema = z.object({
  destination: destinationSchema,
  held: z.array(
    z.object({
      destination: destinationSchema,
      incidentId: z.string().min(1),
      version: z.number().int().positive(),
      reason: z.enum(['quiet-hours', 'hourly', 'daily', 'burst']),
      heldAt: z.string(),
      releaseAt: z.string(),
      subscriptionIds: z.array(z.string()),
    }),
  ),
});
export type DigestJob = z.output<typeof digestJobSchema>;

/** Idempotent job ids: the same item or alert is enqueued once. */
export const jobIds = {
  item: (itemId: string) => `item-${itemId}`,
  /** One fetch's batch, named by its items: the same batch enqueued twice is one job. */
  batch: (digest: string) => `batch-${digest}`,
  lateArticle: (itemId: string) => `article-${itemId}`,
  alert: (incidentId: string, version: number) => `alert-${incidentId}-v${version}`,
};
