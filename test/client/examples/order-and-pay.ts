import { createClient, type State } from '@halway/client';

/**
 * Orders a latte and pays for it across the shop's services, knowing only the entry URL,
 * relation names and template names: never a path.
 */
export async function orderAndPay(entry: string, card: string): Promise<State> {
  const client = createClient();
  const order = await client.go(entry).follow('orders').form('create').submit({ drink: 'latte' });
  console.log(`order ${order.url} is ${String(order.properties.status)}`);
  const payment = await order.follow('payment').form('pay').submit({ amount: 4.5, card });
  return payment.follow('receipt').get();
}
