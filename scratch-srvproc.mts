import { startCoffeeShop } from '@halway/example-coffee-shop';
const shop = await startCoffeeShop({ explorer: false, logger: false });
process.send!(shop.urls);
