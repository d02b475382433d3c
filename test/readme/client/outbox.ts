import type { HalwayClient, PendingSubmission } from '@halway/client';

/** Where submissions wait until they are sent: a file or a table in practice. */
export const outbox = {
  kept: undefined as PendingSubmission | undefined,
  async save(submission: PendingSubmission) {
    this.kept = structuredClone(submission);
  },
  async load() {
    if (!this.kept) throw new Error('nothing was saved');
    return this.kept;
  },
};

/** Tells the order it is paid, then (as after a restart) replays the same submission. */
export async function notifyPaid(client: HalwayClient, orderUrl: string) {
  const submission = await client.go(orderUrl).form('notify').prepare({ event: 'paid' });
  await outbox.save(submission.toJSON()); // plain JSON, with submission.idempotencyKey
  await submission.send();
  // …after a restart:
  await client.replay(await outbox.load()); // same key: the server answers from its record
  return submission.idempotencyKey;
}
