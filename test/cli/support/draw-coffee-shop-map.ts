// Draws the coffee shop's workflow map for the README with the CLI itself: starts the three
// services on free ports, runs `halway map --exercise --format svg` as the staff (whose token the
// orders list and the kitchen's forms need, given for those two origins only), and stops them.
//   node --conditions=halway-source --import tsx test/cli/support/draw-coffee-shop-map.ts
import { fileURLToPath } from 'node:url';
import { startCoffeeShop } from '@halway/example-coffee-shop';
import { processIo, runCli } from '@halway/cli';

const output = fileURLToPath(
  new URL('../../../packages/cli/docs/coffee-shop-map.svg', import.meta.url),
);
const shop = await startCoffeeShop({
  outbox: { interval: 20, minDelay: 5, maxDelay: 50 },
  explorer: false,
  logger: false,
});
try {
  process.exitCode = await runCli(
    ['map', `${shop.urls.orders}/`, '--exercise', '--format', 'svg', '--output', output],
    {
      ...processIo(),
      env: {
        ...process.env,
        HALWAY_CREDENTIALS: JSON.stringify([
          { origin: [shop.urls.orders, shop.urls.kitchen], bearer: shop.staffToken },
        ]),
      },
    },
  );
} finally {
  await shop.close();
}
