import { createService, created, defineHome, defineResource } from '@halway/server';

interface Task {
  id: string;
  title: string;
  done: boolean;
}

/** A tasks service: add a task, then complete it, once. */
export function createApp() {
  const tasks = new Map<string, Task>();

  const task = defineResource('/tasks/:id', {
    load: ({ params }) => tasks.get(params.id),
    params: (state: Task) => ({ id: state.id }),
    properties: ({ title, done }) => ({ title, done }),
  }).action('complete', {
    method: 'POST',
    path: '/completion',
    title: 'Mark as done',
    when: (state) => !state.done, // offered while not done; refused with 409 afterwards
    handle: ({ state }) => {
      state.done = true;
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
    handle: ({ input }) => {
      const state = { id: String(tasks.size + 1), title: input.title, done: false };
      tasks.set(state.id, state);
      return created(task, state);
    },
  });

  return createService({ name: 'tasks', resources: [home, task] });
}
