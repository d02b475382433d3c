import { ConflictError, type State } from '@halway/client';

/** Changes the size of an order unless someone changed the order since it was read. */
export async function makeLarge(order: State) {
  try {
    await order.form('update').submit({ size: 'large' }, { ifMatch: true });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    console.log('changed meanwhile; now', error.current?.properties.status);
  }
}
