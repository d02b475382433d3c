import type { HalwayClient, State } from '@halway/client';

/** The README's tour of the cache, on the resource at `url`; `render` sees every fresh state. */
export async function watch(client: HalwayClient, url: string, render: (state: State) => void) {
  const state = await client.go(url).get(); // cache, then network
  await client.go(url).refresh(); // always revalidate
  await client.go(url).get({ cache: 'reload' }); // fetch, then store
  const stop = client.go(url).on('update', (fresh) => render(fresh)); // also 'stale'
  client.invalidate(url);
  return { state, stop };
}
