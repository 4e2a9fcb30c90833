import { expect, test, type Page } from '@playwright/test';

import { logIn, reloadHydrated } from './helpers';

// The Feed (SPEC §4) as Carl, the demo CSM: sales activity of his customers' contacts.

const hydrated = (page: Page) => expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
const feed = (page: Page) => page.getByRole('list', { name: 'Sales activity' });
const items = (page: Page) => feed(page).getByRole('listitem');

async function openFeed(page: Page, query = ''): Promise<void> {
  await logIn(page, 'csm@example.com');
  await page.goto(`/feed${query}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Feed' })).toBeVisible();
  await expect(items(page).first()).toBeVisible();
}

test('load older activities, then only the activity type chosen', async ({ page }) => {
  await openFeed(page);
  const firstPage = await items(page).count();
  await page.getByRole('button', { name: 'Load older activities' }).click();
  await expect.poll(() => items(page).count()).toBeGreaterThan(firstPage);

  await page.getByLabel('Activity type').selectOption({ label: 'Email opened' });
  await expect(page).toHaveURL(/type=email_opened/);
  await expect(items(page).first()).toBeVisible();
  await expect(items(page).locator('.feed-kind').filter({ hasNotText: 'Email opened' })).toHaveCount(0);
  for (const kind of await items(page).locator('.feed-kind').allInnerTexts()) {
    expect(kind).toBe('Email opened');
  }
  // The filter is in the URL: a reload keeps it.
  await reloadHydrated(page);
  await expect(page.getByLabel('Activity type')).toHaveValue('email_opened');
  await expect(items(page).locator('.feed-kind').filter({ hasNotText: 'Email opened' })).toHaveCount(0);
});

test('a call logged from a notification lands in the contact’s timeline', async ({ page }) => {
  await openFeed(page);
  const item = items(page).first();
  const contact = (await item.locator('.feed-contact').innerText()).trim();
  const actions = item.getByRole('group', { name: `Follow up with ${contact}` });
  // Keyboard focus shows the actions as hovering does.
  await item.getByRole('button', { name: 'Send email', exact: true }).focus();
  await expect(actions).toHaveCSS('opacity', '1');
  await page.mouse.move(0, 0);

  await item.hover();
  await expect(actions).toHaveCSS('opacity', '1');
  for (const name of ['Call', 'Send email', 'Create task', 'Create note', 'Schedule']) {
    await expect(actions.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await actions.getByRole('button', { name: 'Call', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Log a call with ${contact}` });
  await expect(dialog).toBeVisible();
  // The subject is required, as in the record's own form.
  await dialog.getByRole('button', { name: 'Save call' }).click();
  await expect(dialog.getByText('Enter the call subject')).toBeVisible();
  await dialog.getByLabel('Call subject').fill('E2E feed follow-up');
  await dialog.getByLabel('Duration (minutes)').fill('15');
  await dialog.getByRole('button', { name: 'Save call' }).click();
  await expect(dialog).toBeHidden();

  const status = page.locator('.feed-status');
  await expect(status).toContainText(`Call logged for ${contact}.`);
  await status.getByRole('link', { name: `Open ${contact}` }).click();
  await expect(page).toHaveURL(/\/records\/\d+$/);
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByRole('listitem').filter({ hasText: 'E2E feed follow-up' })).toHaveCount(1);
});

test('a deleted notification stays gone after a reload', async ({ page }) => {
  await openFeed(page);
  const first = items(page).first();
  const event = await first.getAttribute('data-event');
  expect(event).toBeTruthy();
  const remove = first.getByRole('button', { name: /^Delete/ });
  await expect(remove).toHaveText('Delete');
  await remove.click();
  await expect(feed(page).locator(`[data-event="${event}"]`)).toHaveCount(0);
  await expect(page.locator('.feed-status')).toContainText('Notification deleted');

  await reloadHydrated(page);
  await expect(items(page).first()).toBeVisible();
  await expect(feed(page).locator(`[data-event="${event}"]`)).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the feed reads and filters through its form', async ({ page }) => {
    await logIn(page, 'csm@example.com');
    await page.goto('/feed');
    await expect(items(page).first()).toBeVisible();
    await page.getByLabel('Activity type').selectOption({ label: 'Page visited' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/type=page_visited/);
    await expect(items(page).first()).toBeVisible();
    await expect(items(page).locator('.feed-kind').filter({ hasNotText: 'Page visited' })).toHaveCount(0);

    await page.getByRole('searchbox', { name: 'Search' }).fill('no such thing anywhere');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await expect(page).toHaveURL(/q=no\+such\+thing\+anywhere/);
    await expect(page.getByText('No sales activity matches these filters')).toBeVisible();
  });
});
