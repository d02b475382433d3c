import { createClient } from '@halway/client';

export const client = createClient({
  timeout: 5_000, // per attempt; a call also takes { timeout, signal }
  retry: { retries: 3, minDelay: 100, maxDelay: 5_000, statuses: [429, 503] },
});
