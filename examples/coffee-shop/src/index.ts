export type { CoffeeShopServiceOptions, ServiceName } from './config.js';
export { createOrders, type Order, type OrderStatus } from './orders/orders.js';
export { DRINKS, SIZES, CURRENCY, priceOf, type Drink, type Size } from './orders/menu.js';
export { createPayments, type Payment, type Receipt } from './payments/payments.js';
export { createKitchen, type Ticket } from './kitchen/kitchen.js';
export { startCoffeeShop, type CoffeeShop, type CoffeeShopOptions } from './start.js';
