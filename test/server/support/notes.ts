// A notes service for the reliability tests: versioned notes, an edit that demands If-Match,
// creation that counts handler runs, a slow action, and an action only editors may take.
import {
  bearerAuthentication,
  createService,
  created,
  defineHome,
  defineResource,
  HttpProblem,
  type ServiceOptions,
} from '@halway/server';

export interface Note {
  id: string;
  text: string;
  version: number;
  archived: boolean;
}

export const TOKENS = { editor: 'editor-token', reader: 'reader-token' };

export function createNotes(options: Partial<ServiceOptions> = {}) {
  const notes = new Map<string, Note>();
  const runs = { create: 0, slow: 0, fail: 0 };
  let releaseSlow: () => void = () => undefined;
  const slowGate = () => new Promise<void>((resolve) => (releaseSlow = resolve));

  const note = defineResource('/notes/:id', {
    load: ({ params }) => notes.get(params.id),
    params: (state: Note) => ({ id: state.id }),
    version: (state) => state.version,
    properties: (state) => ({ text: state.text, archived: state.archived }),
  })
    .action('edit', {
      method: 'PUT',
      requireIfMatch: true,
      input: {
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string', maxLength: 100 } },
      } as const,
      values: (state) => ({ text: state.text }),
      when: (state) => !state.archived,
      handle: ({ state, input }) => {
        state.text = input.text;
        state.version++;
      },
    })
    .action('append', {
      method: 'POST',
      path: '/lines',
      input: {
        type: 'object',
        required: ['line'],
        properties: { line: { type: 'string' } },
      } as const,
      when: (state) => !state.archived,
      handle: ({ state, input }) => {
        state.text += `\n${input.line}`;
        state.version++;
      },
    })
    .action('archive', {
      method: 'POST',
      path: '/archive',
      allow: (caller) => caller?.roles?.includes('editor') === true,
      when: (state) => !state.archived,
      handle: ({ state }) => {
        state.archived = true;
        state.version++;
      },
    })
    .action('slow', {
      method: 'POST',
      path: '/slow',
      handle: async ({ state }) => {
        runs.slow++;
        await slowGate();
        state.version++;
      },
    })
    .action('fail', {
      method: 'POST',
      path: '/fail',
      handle: () => {
        runs.fail++;
        if (runs.fail === 1) throw new Error('transient database failure');
        throw new HttpProblem('CONFLICT', { detail: 'refused on purpose' });
      },
    });

  const home = defineHome({ title: 'Notes', links: { note } }).action('create-note', {
    method: 'POST',
    input: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string' } },
    } as const,
    handle: ({ input }) => {
      runs.create++;
      const state: Note = {
        id: String(notes.size + 1),
        text: input.text,
        version: 1,
        archived: false,
      };
      notes.set(state.id, state);
      return created(note, state);
    },
  });

  const app = createService({
    resources: [home, note],
    authentication: bearerAuthentication({
      [TOKENS.editor]: { id: 'ed', roles: ['editor'] },
      [TOKENS.reader]: { id: 'rea', roles: ['reader'] },
    }),
    ...options,
  });
  const add = (text = 'hello'): Note => {
    const state: Note = { id: String(notes.size + 1), text, version: 1, archived: false };
    notes.set(state.id, state);
    return state;
  };
  return { app, notes, runs, add, releaseSlow: () => releaseSlow() };
}
