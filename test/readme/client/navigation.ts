import { createClient } from '@halway/client';

/** The README's tour of navigation, from the home document at `entry`. */
export async function navigate(entry: string) {
  const client = createClient();
  const home = client.go(entry);

  const order = await home.follow('order', { vars: { id: 17 } }); // templated link, RFC 6570
  await home.follow('item', { name: 'first' }); // select by name…
  await home.follow('item', { type: 'application/hal+json' }); // …by type…
  await home.follow('item', { profile: 'https://example/p/item' }); // …by profile…
  await home.follow('item', { index: 1 }); // …or by position
  const all = await home.followAll('item'); // every link of a relation

  const state = await order.get();
  state.properties; // the resource's own properties
  state.links('next'); // from _links *and* the Link header, hrefs absolute
  state.embedded('payment'); // snapshots, each read against its own self
  state.rels(); // relations it has

  const picked = await Promise.all([
    home.follow('item', { name: 'first' }),
    home.follow('item', { type: 'application/hal+json' }),
    home.follow('item', { profile: 'https://example/p/item' }),
    home.follow('item', { index: 1 }),
  ]);
  return { order, picked, all, state };
}
