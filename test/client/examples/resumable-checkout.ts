import { readFile, writeFile } from 'node:fs/promises';
import { createClient, type WorkflowCursor, type WorkflowStep } from '@halway/client';

const checkoutSteps: WorkflowStep[] = [
  { follow: 'orders' },
  { submit: 'create', values: { drink: 'latte' } },
  { follow: 'payment' },
  { submit: 'pay', values: { amount: 4.5, card: '4111111111111111' } },
  { follow: 'receipt' },
];

/**
 * Runs the checkout, saving a cursor after every step; run it again after a crash and it goes
 * on from the saved cursor without paying twice.
 */
export async function checkout(entry: string, cursorFile: string) {
  const saved = await readFile(cursorFile, 'utf8').then(
    (text) => JSON.parse(text) as WorkflowCursor,
    () => undefined,
  );
  const client = createClient();
  const { state, trace } = await client.run(entry, checkoutSteps, {
    cursor: saved,
    onCursor: (cursor) => writeFile(cursorFile, JSON.stringify(cursor)),
  });
  for (const hop of trace) {
    console.log(hop.origin, hop.method, hop.rel ?? hop.template, hop.status, hop.cache);
  }
  return state;
}
