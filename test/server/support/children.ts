// Services in child processes (test/server/support/action-child.ts) on a shared store: started,
// waited on over IPC, and killed, with every wait bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';

/** A running action-child process. */
export interface ChildService {
  url: string;
  process: ChildProcess;
  /** Resolves when the child says it is waiting at `point` (see action-child.ts). */
  waitingAt(point: 'handler' | 'reply', timeout?: number): Promise<void>;
  /** Resolves once the process has exited, however it ended. */
  exited: Promise<void>;
  /** SIGKILLs it and resolves once it is gone. */
  kill(): Promise<void>;
}

const CHILD = 'test/server/support/action-child.ts';

/** Starts an action child on the store at `where`; `notify` is the URL it tells of each claim. */
export function startChild(where: string, notify = '', timeout = 30_000): Promise<ChildService> {
  const child = spawn(
    process.execPath,
    ['--conditions=halway-source', '--import', 'tsx', CHILD, where, notify],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const messages: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  child.on('message', (message: Record<string, unknown>) => {
    messages.push(message);
    for (const listener of listeners) listener();
  });
  const next = (match: (message: Record<string, unknown>) => boolean, ms: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = messages.find(match);
        if (!found) return;
        done();
        resolve(found);
      };
      const exited = () => {
        done();
        reject(new Error(`child ${child.pid} exited before it said what was awaited`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`child ${child.pid} said nothing awaited within ${ms} ms`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', exited);
      };
      listeners.add(check);
      child.once('exit', exited);
      check();
    });
  const kill = () => {
    child.kill('SIGKILL');
    return exited;
  };
  return next((message) => typeof message.port === 'number', timeout).then(
    (message) => ({
      url: `http://127.0.0.1:${message.port as number}`,
      process: child,
      exited,
      waitingAt: async (point, ms = 10_000) => {
        await next((said) => said.waiting === point, ms);
      },
      kill,
    }),
    async (error: unknown) => {
      await kill();
      throw error;
    },
  );
}
