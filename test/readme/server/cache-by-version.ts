// The server README's cacheByVersion sample: a drink rendered once per stored version.
import { createService, createSqliteStore, defineResource } from '@halway/server';

/** A drink as this sample keeps it. */
export interface Drink {
  name: string;
  price: number;
}

// Loaded through db: the stored document's version is the state version.
export const drink = defineResource('/drinks/:id', {
  cacheByVersion: true,
  load: ({ db, params }) => db.get<Drink>('drink', params.id),
  properties: (state) => ({ name: state.name, price: state.price }),
}).action('reprice', {
  method: 'PATCH',
  input: {
    type: 'object',
    properties: { price: { type: 'number', minimum: 0 } },
    required: ['price'],
  } as const,
  values: (state) => ({ price: state.price }),
  handle: ({ state, input }) => {
    state.price = input.price;
  },
});

/** The drinks service of the sample, on the SQLite database `file`. */
export function createDrinks(file: string) {
  return createService({ resources: [drink], store: createSqliteStore({ file }) });
}
