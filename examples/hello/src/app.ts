import { explorer } from '@halway/explorer';
import {
  createService,
  created,
  defineHome,
  defineResource,
  type Store,
  type StoredDocument,
} from '@halway/server';

type Task = StoredDocument<{ title: string; done: boolean }>;

/** A tasks service: add a task, then complete it, once. Tasks are kept in `store` (memory by default). */
export function createApp(store?: Store) {
  const task = defineResource('/tasks/:id', {
    load: ({ db, params }) => db.get<Task>('task', params.id), // locked while an action runs
    params: (state: Task) => ({ id: state.id }),
    properties: ({ title, done }) => ({ title, done }),
  }).action('complete', {
    method: 'POST',
    path: '/completion',
    title: 'Mark as done',
    when: (state) => !state.done, // offered while not done; refused with 409 afterwards
    handle: ({ state }) => {
      state.done = true; // saved when the action commits
    },
  });

  const home = defineHome({ title: 'Tasks', links: { task } }).action('add-task', {
    method: 'POST',
    title: 'Add a task',
    input: {
      type: 'object',
      required: ['title'],
      properties: { title: { type: 'string', title: 'Title', minLength: 1, maxLength: 80 } },
    } as const,
    handle: async ({ db, input }) =>
      created(task, await db.insert('task', { ...input, done: false })),
  });

  // Browsers asking for text/html get the explorer; programs get HAL from the same URLs.
  return createService({ name: 'tasks', resources: [home, task], store, explorer: explorer() });
}
