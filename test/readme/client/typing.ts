import type { HalwayClient, ResourceType, State } from '@halway/client';

type Receipt = { properties: { total: number } };
type Payment = { properties: { amount: number }; links: { receipt: Receipt } };
type Order = {
  properties: { status: 'payment-expected' | 'paid'; total: number };
  links: { payment: ResourceType; receipt: Receipt };
  forms: { pay: { input: { amount: number; card: string }; result: Payment } };
};

/** Pays for an order with every relation, form and value checked by the compiler. */
export async function payTyped(client: HalwayClient, orderUrl: string, card: string) {
  const order = await client.go<Order>(orderUrl).get();
  order.properties.status; // 'payment-expected' | 'paid'
  const payment = await order.form('pay').submit({ amount: 4.5, card }); // State<Payment>
  const receipt = await payment.follow('receipt').get(); // State<Receipt>
  return { status: order.properties.status, total: receipt.properties.total };
}

/** Never called: what the compiler refuses. */
export function mistakes(order: State<Order>) {
  /* eslint-disable @typescript-eslint/no-floating-promises */
  // @ts-expect-error -- no such relation
  order.follow('paymnet'); // compile error
  // @ts-expect-error -- amount is a number
  order.form('pay').submit({ amount: '4.5' }); // compile error
}
