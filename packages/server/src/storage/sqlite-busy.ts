/** Whether SQLite refused a statement because another connection holds the lock it needs. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * Runs a synchronous statement, and again after `pause` while another process holds the lock
 * (so the event loop is never blocked waiting), as long as `mayRetry(attempt)` says so.
 */
export async function whileBusy<T>(
  work: () => T,
  mayRetry: (attempt: number) => boolean,
  pause: () => Promise<void>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || !mayRetry(attempt)) throw error;
      await pause();
    }
  }
}
