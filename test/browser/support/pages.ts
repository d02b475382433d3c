// What the browser tests do and read on an explorer page, the way a person would: by labels,
// roles and visible text.
import type { Page } from 'playwright-core';

/** Opens the credentials panel, sets a header for the page's origin, and closes the panel. */
export async function setCredential(page: Page, name: string, value: string): Promise<void> {
  const summary = page.locator('summary', { hasText: 'Credentials' });
  await summary.click();
  await page.getByLabel('Header name').fill(name);
  await page.getByLabel('Header value').fill(value);
  await page.getByRole('button', { name: 'Set header' }).click();
  await summary.click();
}

/** One hop of the trail as the page shows it. */
export interface ShownHop {
  origin: string;
  label: string;
  meta: string;
  current: boolean;
  colour: string;
}

/** The hops of the trail, oldest first. */
export async function trailHops(page: Page): Promise<ShownHop[]> {
  return page.locator('nav[aria-label="Trail"] li').evaluateAll((items) =>
    items.map((item) => {
      const link = item.querySelector('.hop-link')!;
      return {
        origin: item.querySelector('.hop-origin')!.textContent,
        label: item.querySelector('.hop-label')!.textContent,
        meta: item.querySelector('.hop-meta')!.textContent,
        current: link.getAttribute('aria-current') === 'step',
        colour: getComputedStyle(link).borderLeftColor,
      };
    }),
  );
}

/** Waits for the resource heading to read `title`. */
export async function waitForTitle(page: Page, title: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** The form whose heading names `title`. */
export function form(page: Page, title: string) {
  return page.getByRole('form', { name: title });
}

/**
 * Presses Tab (or Shift+Tab) until the focused control's accessible name (its aria-label, its
 * labels, or its text) matches `name`; fails when it is not reached within `max` presses.
 */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  { backwards = false, max = 80 } = {},
): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      if (!element || element === document.body) return '';
      const label = element.getAttribute('aria-label');
      if (label) return label;
      if (element.labels && element.labels.length > 0)
        return [...element.labels].map((entry) => entry.textContent ?? '').join(' ');
      return element.textContent ?? '';
    });
    if (typeof name === 'string' ? focused.trim() === name : name.test(focused)) return;
  }
  throw new Error(`tabTo(): ${String(name)} cannot be reached with the Tab key`);
}
