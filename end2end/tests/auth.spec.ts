import { expect, test } from '@playwright/test';

import { DEMO_PASSWORD, logIn } from './helpers';

test('pages need a session: an anonymous visitor is sent to the login page', async ({ page }) => {
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Log in to Customer Success' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Workspace' })).toHaveCount(0);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`log out ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test('log in, then log out from the user menu', async ({ page }) => {
      await logIn(page, 'csm@example.com');
      await expect(page).toHaveURL(/\/summary$/);
      if (javaScriptEnabled) {
        await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
      }
      await page.getByRole('banner').getByText('Carl Customer').click();
      await page.getByRole('button', { name: 'Log out' }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole('heading', { name: 'Log in to Customer Success' })).toBeVisible();
      await page.goto('/customers');
      await expect(page).toHaveURL(/\/login$/);
    });
  });
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a wrong password ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test('says only that email or password is incorrect', async ({ page }) => {
      await page.goto('/login');
      await page.getByLabel('Email').fill('manager@example.com');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect');
      await expect(page).toHaveURL(/\/login/);
      await page.goto('/customers');
      await expect(page).toHaveURL(/\/login$/);
    });
  });
}

test('repeated failures are throttled, even for the right password', async ({ page }) => {
  const email = 'csm.onboarding@example.com';
  await page.goto('/login');
  // The statuses below are those of the JavaScript path (a plain form post is redirected).
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`wrong-${attempt}`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/log_in')),
      page.getByRole('button', { name: 'Log in' }).click(),
    ]);
    expect(response.status()).toBe(422);
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect');
  }
  const throttled = page.waitForResponse((r) => r.url().endsWith('/api/log_in'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  expect((await throttled).status()).toBe(429);
  await expect(page.getByRole('alert')).toContainText('Too many failed attempts. Try again in');
  await expect(page).toHaveURL(/\/login/);
});

test('a super admin without a service seat sees only the Summary tab', async ({ page }) => {
  await logIn(page, 'superadmin.noseat@example.com');
  await expect(page).toHaveURL(/\/summary$/);
  const nav = page.getByRole('navigation', { name: 'Workspace' });
  await expect(nav.getByRole('link')).toHaveText(['Summary', 'Admin']);
  const response = await page.goto('/customers');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'A service seat is needed' })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await page.goto('/revenue');
  await expect(page.getByRole('heading', { name: 'A service seat is needed' })).toBeVisible();
});

test('a user without workspace access is told so and sees no tabs', async ({ page }) => {
  await logIn(page, 'noaccess@example.com');
  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Workspace' }).getByRole('link')).toHaveCount(0);
});
