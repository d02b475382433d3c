import type { HalwayClient } from '@halway/client';

/** The README's tour of a form: the order's `pay` template, read, checked and submitted. */
export async function payOrder(client: HalwayClient, orderUrl: string) {
  const order = await client.go(orderUrl).get();
  const pay = order.form('pay'); // by name; order.form() takes the HAL-FORMS default
  pay.fields; // every property attribute, plus `multiple`
  pay.field('amount'); // { name, type: 'number', min, max, step, required, … }
  await pay.choices('card'); // inline options, or the options link fetched and cached
  await pay.validate({ amount: 0 }); // [{ field: 'amount', constraint: 'min', message }]
  const receipt = await pay.submit({ amount: 4.5, card: 'visa-1' });

  return {
    fields: pay.fields.map((field) => field.name),
    amount: pay.field('amount'),
    choices: await pay.choices('card'),
    errors: await pay.validate({ amount: 0 }),
    receipt,
  };
}
