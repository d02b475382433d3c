// The tasks service of the several-instances guide: its state lives in a store that every
// instance opens, so any instance can answer any request.
import {
  createPostgresStore,
  createService,
  createSqliteStore,
  created,
  defineHome,
  defineResource,
  type Store,
} from '@halway/server';

interface Task {
  id: string;
  title: string;
  done: boolean;
}

/** The store the instances share: PostgreSQL across machines, a SQLite file on one machine. */
export function openStore(env: NodeJS.ProcessEnv = process.env): Store {
  return env.DATABASE_URL
    ? createPostgresStore({ connectionString: env.DATABASE_URL })
    : createSqliteStore({ file: env.TASKS_DB ?? 'tasks.db' });
}

/** One instance of the tasks service. */
export function createTasks(store: Store) {
  const task = defineResource('/tasks/:id', {
    load: ({ db, params }) => db.get<Task>('task', params.id), // locked until the action commits
    params: (task: Task) => ({ id: task.id }),
    version: (task) => String(task.done), // ETags every instance computes alike
    properties: ({ title, done }) => ({ title, done }),
  }).action('complete', {
    method: 'POST',
    path: '/completion',
    when: (task) => !task.done,
    handle: ({ state }) => {
      state.done = true; // saved by the framework, in the action's transaction
    },
  });

  const home = defineHome({ title: 'Tasks', links: { task } }).action('add-task', {
    method: 'POST',
    input: {
      type: 'object',
      required: ['title'],
      properties: { title: { type: 'string', minLength: 1 } },
    } as const,
    handle: async ({ db, input }) =>
      created(task, await db.insert('task', { title: input.title, done: false })),
  });

  return createService({ name: 'tasks', resources: [home, task], store });
}
