// What the benchmarks that compare servers side by side share: the servers of servers.ts, each
// in a child process of its own, the bytes they serve, and the median of rounds.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const servers = fileURLToPath(new URL('./servers.ts', import.meta.url));

/** What the benchmarks ask for: HAL-FORMS. */
export const ACCEPT = 'application/prs.hal-forms+json';

/** Starts one server of servers.ts (`raw`, `express`, `halway`, …) on `port`, ready when it resolves. */
export async function startServer(
  which: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = fork(servers, [which, String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${which} server exited with ${code}`)));
  });
  return child;
}

/** The body a server sends, as bytes. */
export async function bodyOf(url: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(url, { headers: { accept: ACCEPT } })).arrayBuffer());
}

/** The median: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
