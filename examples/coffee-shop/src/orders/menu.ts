/** A drink on the menu. */
export interface Drink {
  /** What orders say (`drink: 'latte'`). */
  code: string;
  /** What people read. */
  name: string;
  /** Price of a medium one, in euros. */
  price: number;
}

/** The drinks the shop makes. */
export const DRINKS: readonly Drink[] = [
  { code: 'espresso', name: 'Espresso', price: 2.2 },
  { code: 'cappuccino', name: 'Cappuccino', price: 3.2 },
  { code: 'latte', name: 'Latte', price: 3.5 },
  { code: 'flat-white', name: 'Flat white', price: 3.4 },
  { code: 'tea', name: 'Tea', price: 2.0 },
  { code: 'hot-chocolate', name: 'Hot chocolate', price: 3.0 },
];

/** The version of the menu (drinks, sizes, prices): one more whenever it changes. */
export const MENU_REVISION = 1;

/** The sizes, and what each adds to a medium's price. */
export const SIZES = { small: -0.5, medium: 0, large: 0.6 } as const;

/** A size. */
export type Size = keyof typeof SIZES;

/** The currency of every price. */
export const CURRENCY = 'EUR';

/** The price of `quantity` drinks of a size, rounded to cents. */
export function priceOf(code: string, size: Size, quantity: number): number {
  const drink = DRINKS.find((candidate) => candidate.code === code);
  if (!drink) throw new TypeError(`priceOf(): "${code}" is not on the menu`);
  return Math.round((drink.price + SIZES[size]) * quantity * 100) / 100;
}
