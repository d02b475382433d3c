// A small service in two versions, for `halway diff`: version 2 removes an option and an action,
// makes a field required and narrows a length, as a careless release might.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createService, created, defineHome, defineResource } from '@halway/server';

interface Task {
  id: string;
  title: string;
  done: boolean;
}

export interface RunningTasks {
  url: string;
  close(): Promise<void>;
}

function createTasks(version: 1 | 2) {
  const tasks = new Map<string, Task>([['1', { id: '1', title: 'First', done: false }]]);
  const task = defineResource('/tasks/:id', {
    load: ({ params }) => tasks.get(params.id),
    params: (state: Task) => ({ id: state.id }),
    properties: ({ title, done }) => ({ title, done }),
  });
  const withCompletion =
    version === 1
      ? task.action('complete', {
          method: 'POST',
          path: '/completion',
          title: 'Mark as done',
          when: (state) => !state.done,
          handle: ({ state }) => {
            state.done = true;
          },
        })
      : task;
  const priorities = version === 1 ? ['low', 'normal', 'high'] : ['low', 'normal'];
  const home = defineHome({
    title: 'Tasks',
    links: { 'first-task': { href: '/tasks/1', title: 'The first task' } },
  }).action('add-task', {
    method: 'POST',
    title: 'Add a task',
    input: {
      type: 'object',
      required: version === 1 ? ['title'] : ['title', 'priority'],
      properties: {
        title: { type: 'string', title: 'Title', minLength: 1, maxLength: version === 1 ? 80 : 40 },
        priority: { type: 'string', title: 'Priority', enum: priorities },
      },
    } as const,
    handle: ({ input }) => {
      const state: Task = { id: String(tasks.size + 1), title: String(input.title), done: false };
      tasks.set(state.id, state);
      return created(withCompletion, state);
    },
  });
  return createService({ name: 'tasks', resources: [home, withCompletion] });
}

/** Starts version 1 or 2 of the tasks service on a free loopback port. */
export async function startTasks(version: 1 | 2): Promise<RunningTasks> {
  const app = createTasks(version);
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await app.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
