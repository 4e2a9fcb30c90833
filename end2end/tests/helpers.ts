import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

/** What a browser marks a request from the workspace's own pages with; API calls made outside a
 * page (Playwright's `request`) send it, or the server refuses them as cross-site. */
export const FROM_THE_APP = { 'Sec-Fetch-Site': 'same-origin' };

/** Logs in through the login form (works with and without JavaScript). */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Reloads and waits until the page is interactive (hydrated), so clicks reach their handlers. */
export async function reloadHydrated(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

/** Edits a property on an open record page (Enter saves) and waits for the saved value. */
export async function setProperty(page: Page, label: string, value: string, shown: string): Promise<void> {
  const row = page.getByRole('group', { name: label, exact: true });
  await row.getByRole('button', { name: 'Edit' }).click();
  const input = row.getByLabel(label, { exact: true });
  if ((await input.evaluate((el) => el.tagName)) === 'SELECT') {
    await input.selectOption(value);
  } else {
    await input.fill(value);
  }
  await input.press('Enter');
  await expect(row.locator('.property-value')).toHaveText(shown);
}
