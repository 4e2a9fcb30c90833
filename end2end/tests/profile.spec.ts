import { expect, test } from '@playwright/test';

import { logIn } from './helpers';

// The admin's zone changes here, so this runs after the specs that read the admin's times.
test('the profile sets the time zone every time follows, and changes the password', async ({ page }) => {
  await logIn(page, 'admin@example.com');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();

  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByText('"Mars/Olympus" is not a time zone; choose one from the list')).toBeVisible();
  await expect(zone).toHaveAttribute('aria-invalid', 'true');

  // The preview's timeline follows the zone: JST, then back in UTC.
  const firstTime = async () => {
    await page.goto('/customers?view=all');
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await page.getByRole('table', { name: 'Customers' }).locator('tbody th[scope="row"] a').first().click();
    const meta = page
      .getByRole('complementary', { name: 'Record preview' })
      .getByRole('list', { name: 'Timeline' })
      .locator('.timeline-meta')
      .first();
    await expect(meta).toHaveText(/\d\d:\d\d [A-Z]{3}/);
    return meta.innerText();
  };
  await zone.fill('Asia/Tokyo');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByText('Saved: Asia/Tokyo')).toBeVisible();
  const tokyo = await firstTime();
  expect(tokyo).toMatch(/ JST/);
  await page.goto('/profile');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByRole('combobox', { name: 'Time zone' }).fill('UTC');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByText('Saved: UTC')).toBeVisible();
  const utc = await firstTime();
  expect(utc).toMatch(/ UTC/);
  const hour = (text: string) => Number(text.match(/(\d\d):\d\d [A-Z]{3}/)![1]);
  expect((hour(utc) + 9) % 24).toBe(hour(tokyo));

  await page.goto('/profile');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Current password').fill('not-my-password');
  await page.getByLabel('New password').fill('demo-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The current password is incorrect')).toBeVisible();
  await page.getByLabel('Current password').fill('demo-password');
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Use a password of 12 to 128 characters')).toBeVisible();
  await page.getByLabel('New password').fill('Password1234');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('This password is too common: choose one that is harder to guess')).toBeVisible();
  await page.getByLabel('New password').fill('demo-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password was changed')).toBeVisible();
  // This session goes on.
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
});
