import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

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
