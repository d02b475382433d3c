// The server README's relations sample: a service's own relations as documented CURIEs.
import { createService, defineHome, defineResource } from '@halway/server';

const receipt = defineResource('/receipts/:id', {
  load: ({ params }) => ({ id: params.id }),
  params: (state: { id: string }) => ({ id: state.id }),
});
const resources = [defineHome({ links: { 'cs:receipt': receipt } }), receipt];

/** Payments, whose `cs:receipt` relation is documented at /rels/receipt. */
export function createPaymentsWithRelations() {
  return createService({
    resources,
    relations: {
      curie: 'cs',
      docs: {
        receipt: { title: 'The receipt of a paid order', description: 'On the payments service.' },
      },
    },
  });
}
