import { expect, test } from '@playwright/test';

import { logIn, reloadHydrated } from './helpers';

test('a user who is not a super admin cannot reach the admin pages', async ({ page }) => {
  await logIn(page, 'manager@example.com');
  await expect(page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  for (const path of ['/admin/users', '/admin/teams']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  }
});

test('a super admin creates a user, with clear messages for bad input', async ({ page }) => {
  await logIn(page, 'admin@example.com');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const form = page.getByRole('region', { name: 'Create user' });

  await form.getByLabel('Name').fill('Nina New');
  await form.getByLabel('Email').fill('nina@localhost');
  await form.getByLabel('Initial password').fill('nina-password-1');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter a valid email address');

  await form.getByLabel('Email').fill('csm@example.com');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('alert')).toHaveText('A user with this email already exists');
  await expect(page.locator('tr[data-user-email="nina@example.com"]')).toHaveCount(0);

  await form.getByLabel('Email').fill('nina@example.com');
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = page.locator('tr[data-user-email="nina@example.com"]');
  await expect(row).toBeVisible();
  await expect(row.getByLabel('Name')).toHaveValue('Nina New');
  await expect(row.getByRole('checkbox', { name: 'Active' })).toBeChecked();
});

test('permissions, deactivation and inline edits take effect on the server', async ({ page, browser }) => {
  await logIn(page, 'admin@example.com');
  await page.goto('/admin/users');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const form = page.getByRole('region', { name: 'Create user' });
  await form.getByLabel('Name').fill('Pat Permissions');
  await form.getByLabel('Email').fill('pat@example.com');
  await form.getByLabel('Initial password').fill('pat-password-1');
  await form.getByRole('button', { name: 'Create user' }).click();
  const pat = () => page.locator('tr[data-user-email="pat@example.com"]');
  await expect(pat()).toBeVisible();

  // Pat signs in elsewhere; without workspace access there are no tabs.
  const patContext = await browser.newContext();
  const patPage = await patContext.newPage();
  await logIn(patPage, 'pat@example.com', 'pat-password-1');
  await expect(patPage.getByRole('navigation', { name: 'Workspace' }).getByRole('link')).toHaveCount(0);

  // Granting workspace access shows the Summary tab at the next page (once the server saved it).
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/set_user_permission') && r.ok()),
    pat().getByRole('checkbox', { name: 'Workspace access' }).check(),
  ]);
  await expect(pat().getByRole('checkbox', { name: 'Workspace access' })).toBeChecked();
  await reloadHydrated(page);
  await expect(pat().getByRole('checkbox', { name: 'Workspace access' })).toBeChecked();
  await patPage.goto('/summary');
  await expect(patPage.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Summary' })).toBeVisible();

  // A duplicate email is refused next to the field and changes nothing.
  await pat().getByLabel('Email').fill('csm@example.com');
  await pat().getByLabel('Email').blur();
  await expect(pat().getByRole('alert')).toHaveText('A user with this email already exists');
  await reloadHydrated(page);
  await expect(pat()).toHaveCount(1);

  // Deactivating ends the session at once.
  await pat().getByRole('checkbox', { name: 'Active' }).uncheck();
  await expect(pat()).toHaveClass(/inactive/);
  await patPage.goto('/summary');
  await expect(patPage).toHaveURL(/\/login$/);
  await patContext.close();
});

test('a super admin creates, renames and deletes a team', async ({ page }) => {
  await logIn(page, 'admin@example.com');
  await page.goto('/admin/teams');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const form = page.getByRole('region', { name: 'Create team' });
  await form.getByLabel('Team name').fill('Onboarding');
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(form.getByRole('alert')).toHaveText('A team with this name already exists');

  await form.getByLabel('Team name').fill('Renewals');
  await form.getByRole('button', { name: 'Create team' }).click();
  const row = page.locator('tr[data-team-name="Renewals"]');
  await expect(row).toBeVisible();
  await row.getByLabel('Team name').fill('Renewals & Expansion');
  await row.getByLabel('Team name').blur();
  const renamed = page.locator('tr[data-team-name="Renewals & Expansion"]');
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: 'Delete' }).click();
  await renamed.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.locator('tr[data-team-name="Renewals & Expansion"]')).toHaveCount(0);
});

test('the audit log records logins and filters by kind, user and date', async ({ page, browser }) => {
  // A failed login from another browser.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto('/login');
  await stranger.getByLabel('Email').fill('viewer@example.com');
  await stranger.getByLabel('Password').fill('not-the-password');
  await stranger.getByRole('button', { name: 'Log in' }).click();
  await expect(stranger.getByText('Email or password is incorrect')).toBeVisible();
  await strangerContext.close();

  await logIn(page, 'admin@example.com');
  await page.goto('/admin/audit-log');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const filters = page.getByRole('search', { name: 'Filter the audit log' });
  await filters.getByLabel('Kind').selectOption({ label: 'Login failed' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/kind=login_failed/);
  const log = page.getByRole('table', { name: 'Audit log' });
  const failure = log.getByRole('row', { name: /Login failed .*viewer@example\.com/ }).first();
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('Address: 127.0.0.1');
  // Every row shown is of that kind.
  const kinds = await log.locator('tbody tr td:nth-child(2)').allInnerTexts();
  expect(kinds.length).toBeGreaterThan(0);
  expect(new Set(kinds)).toEqual(new Set(['Login failed']));

  // Ada's own logins.
  await filters.getByLabel('Kind').selectOption({ label: 'Logged in' });
  await filters.getByLabel('User').selectOption({ label: 'Ada Admin' });
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/kind=login_succeeded&user=\d+/);
  await expect(log.getByRole('row', { name: /Logged in Ada Admin admin@example\.com/ }).first()).toBeVisible();

  // A day with nothing logged yet, then back to everything.
  await filters.getByLabel('From').fill('2099-01-01');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/admin\/audit-log$/);
  await expect(log.getByRole('row').nth(1)).toBeVisible();
});
