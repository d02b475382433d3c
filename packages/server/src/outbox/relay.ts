import type { HalwayClient } from '@halway/client';
import type { Logger } from '../logger.js';
import type { OutboxRow, OutboxTable } from '../storage/engine.js';
import { deliver, type DeliverySettings } from './deliver.js';

/** How a service's outbox delivers its messages. */
export interface OutboxOptions {
  /** How many messages to one origin may be on their way at once (default 8). */
  concurrency?: number;
  /** How long one request of a delivery may take, in ms (default 5000). */
  attemptTimeout?: number;
  /** The first backoff after a failed attempt, in ms (default 200); it doubles per attempt, with jitter. */
  minDelay?: number;
  /** The longest backoff, in ms (default 30000). */
  maxDelay?: number;
  /** How often the table is looked at for due messages (other processes', retries), in ms (default 1000). */
  interval?: number;
  /**
   * How many times to try a message whose form its resource does not offer (its state does not
   * allow it yet) before it is refused for good (default 20).
   */
  formAttempts?: number;
  /** How often the backlog is logged while there is one, in ms (default 60000). */
  reportEvery?: number;
}

/** Delivers a service's outbox: what its actions sent to other services, after they committed. */
export interface OutboxRelay {
  /**
   * Looks for due messages now (after a commit that queued some to `origins`; nothing to do when
   * each of those is already sending its most).
   */
  wake(origins?: readonly string[]): void;
  /**
   * Delivers every message that is due, and those that become due meanwhile, until none is
   * left or `timeout` ms have passed; resolves with how many are still pending.
   */
  drain(timeout?: number): Promise<number>;
  /** Stops taking new messages and waits for those on their way (at most `attemptTimeout` each). */
  stop(): Promise<void>;
}

const BATCH = 100;

/**
 * The relay of a service's outbox table. It leases due messages (so that several processes
 * sharing the table never send one at the same time), sends them concurrently with at most
 * `concurrency` per origin (so a peer that hangs delays only its own messages, each for at most
 * `attemptTimeout`), and keeps messages of one stream in order. After a crash, the leases of
 * what was on its way expire and the messages are sent again, with their idempotency keys.
 */
export function createOutboxRelay(
  table: OutboxTable,
  client: HalwayClient,
  log: Logger,
  options: OutboxOptions = {},
): OutboxRelay {
  const settings = deliverySettings(options);
  const concurrency = positive(options.concurrency ?? 8, 'concurrency');
  const interval = positive(options.interval ?? 1000, 'interval');
  const reportEvery = positive(options.reportEvery ?? 60_000, 'reportEvery');
  // A lease outlives a delivery's two requests, so that only a crashed process loses it.
  const leaseTime = settings.attemptTimeout * 3 + 1000;
  const onTheirWay = new Map<string, Promise<void>>();
  const perOrigin = new Map<string, number>();
  let scanning: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let lastReport = 0;

  const saturated = () =>
    [...perOrigin].filter(([, count]) => count >= concurrency).map(([origin]) => origin);

  const start = (row: OutboxRow) => {
    perOrigin.set(row.origin, (perOrigin.get(row.origin) ?? 0) + 1);
    const delivery = deliver(table, client, log, settings, row)
      .catch((error: unknown) =>
        // The table itself failed (the database went away): the lease expires, and it is retried.
        log.error('outbox delivery failed', {
          id: row.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        onTheirWay.delete(row.id);
        const left = (perOrigin.get(row.origin) ?? 1) - 1;
        if (left === 0) perOrigin.delete(row.origin);
        else perOrigin.set(row.origin, left);
        wake();
      });
    onTheirWay.set(row.id, delivery);
  };

  const scan = async () => {
    do {
      again = false;
      const now = Date.now();
      const due = (await table.due(now, BATCH, saturated())).filter(
        (message) => !onTheirWay.has(message.id),
      );
      const room = new Map<string, number>();
      const chosen = due.filter((message) => {
        const taken = (perOrigin.get(message.origin) ?? 0) + (room.get(message.origin) ?? 0);
        if (taken >= concurrency) return false;
        room.set(message.origin, (room.get(message.origin) ?? 0) + 1);
        return true;
      });
      if (chosen.length === 0) break;
      const leased = await table.lease(
        chosen.map((message) => message.id),
        now,
        now + leaseTime,
      );
      if (stopped) break;
      for (const row of leased) start(row);
      // A full batch that all found room may have left messages behind it; one that did not
      // waits for deliveries to finish, and each of them looks again.
      again ||= due.length === BATCH && chosen.length === due.length;
    } while (again && !stopped);
  };

  const wake = (origins?: readonly string[]) => {
    if (stopped) return;
    // New messages to origins already sending their most need no scan (a scan would walk the
    // whole backlog to find nothing): each delivery that finishes there looks again.
    if (origins?.every((origin) => (perOrigin.get(origin) ?? 0) >= concurrency)) return;
    if (scanning) {
      again = true;
      return;
    }
    scanning = scan()
      .catch((error: unknown) =>
        log.error('outbox scan failed', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => (scanning = undefined));
  };

  const report = async () => {
    const now = Date.now();
    if (now - lastReport < reportEvery) return;
    const stats = await table.stats();
    if (stats.pending === 0 && stats.failed === 0) return;
    lastReport = now;
    log.warn('outbox backlog', {
      pending: stats.pending,
      failed: stats.failed,
      oldestPendingAgeMs:
        stats.oldestPendingAt === undefined ? undefined : now - stats.oldestPendingAt,
    });
  };

  const timer = setInterval(() => {
    wake();
    report().catch(() => undefined);
  }, interval);
  timer.unref();
  wake();

  return {
    wake,
    async drain(timeout = 10_000) {
      const until = Date.now() + timeout;
      for (let round = 0; Date.now() < until && round < 10_000; round++) {
        wake();
        await scanning;
        if (onTheirWay.size > 0) await Promise.race([...onTheirWay.values()]);
        else if ((await table.stats()).pending === 0) break;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return (await table.stats()).pending;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await scanning;
      await Promise.allSettled([...onTheirWay.values()]);
    },
  };
}

function deliverySettings(options: OutboxOptions): DeliverySettings {
  return {
    attemptTimeout: positive(options.attemptTimeout ?? 5000, 'attemptTimeout'),
    minDelay: positive(options.minDelay ?? 200, 'minDelay'),
    maxDelay: positive(options.maxDelay ?? 30_000, 'maxDelay'),
    formAttempts: positive(options.formAttempts ?? 20, 'formAttempts'),
  };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new TypeError(`createService(): outbox.${name} must be a positive number`);
  return value;
}
