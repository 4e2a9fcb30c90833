import { expect, test, type Page } from '@playwright/test';

import { logIn } from './helpers';

const hydrated = (page: Page) => expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

/** A Wednesday two weeks ahead, `YYYY-MM-DD`, so the week shown is the same every run. */
function wednesdayAhead(): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + 14 + ((3 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

test('day, week and month; hide weekends; a meeting created from an empty hour moves with the zone and starts', async ({ page }) => {
  await logIn(page, 'csm.midmarket@example.com');
  const date = wednesdayAhead();
  await page.goto(`/schedule?mode=week&date=${date}&tz=UTC`);
  await hydrated(page);
  const views = page.getByRole('navigation', { name: 'Calendar view' });
  await expect(views.getByRole('link', { name: 'Week' })).toHaveAttribute('aria-current', 'page');
  const calendar = page.getByRole('region', { name: 'Calendar' });
  await expect(calendar.locator('.day-column')).toHaveCount(7);

  // Hide weekends: five days, in the URL.
  await page.getByRole('checkbox', { name: 'Hide weekends' }).check();
  await expect(page).toHaveURL(/weekends=hide/);
  await expect(calendar.locator('.day-column')).toHaveCount(5);
  await page.getByRole('checkbox', { name: 'Hide weekends' }).uncheck();
  await expect(calendar.locator('.day-column')).toHaveCount(7);

  // A click on an empty hour opens Create meeting at that hour.
  const wednesday = new Date(`${date}T00:00:00Z`);
  const dayLabel = wednesday.toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
  await calendar.getByRole('button', { name: `Create meeting on ${dayLabel} at 10:00` }).click();
  const dialog = page.getByRole('dialog', { name: 'Create meeting' });
  await expect(dialog.getByLabel(/Starts/)).toHaveValue(`${date}T10:00`);
  await expect(dialog.getByLabel(/Ends/)).toHaveValue(`${date}T10:30`);
  await dialog.getByLabel('Title').fill('E2E sync');
  await dialog.getByLabel('Meeting link').fill('meet.example.com');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByText('Enter a web address starting with https://')).toBeVisible();
  await dialog.getByLabel('Meeting link').fill('https://meet.example.com/e2e');
  await dialog.getByRole('searchbox', { name: 'Search records' }).fill('an');
  await dialog.getByRole('list', { name: 'Matching records' }).getByRole('button').first().click();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeHidden();
  const meeting = calendar.getByRole('button', { name: 'Meeting: E2E sync, 10:00 – 10:30' });
  await expect(meeting).toBeVisible();

  // In Tokyo the same meeting is at 19:00.
  await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
  await expect(page).toHaveURL(/tz=Asia%2FTokyo/);
  await expect(calendar.getByRole('button', { name: 'Meeting: E2E sync, 19:00 – 19:30' })).toBeVisible();
  await page.getByLabel('Time zone').selectOption('UTC');
  await expect(meeting).toBeVisible();

  // Its summary starts it and opens its link.
  await meeting.click();
  const summary = page.getByRole('dialog', { name: 'E2E sync' });
  await expect(summary.getByRole('list', { name: 'Attendees' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'https://meet.example.com/e2e' })).toBeVisible();
  await page.context().route('https://meet.example.com/**', (route) => route.fulfill({ body: 'meeting' }));
  const popup = page.waitForEvent('popup');
  await summary.getByRole('button', { name: 'Start meeting' }).click();
  expect((await popup).url()).toBe('https://meet.example.com/e2e');
  await expect(summary.getByRole('status')).toHaveText('Meeting started');
  await summary.getByRole('button', { name: 'Close' }).click();
  await expect(summary).toBeHidden();
  // Opened again, it says it was started.
  await meeting.click();
  await expect(summary.getByText('Meeting · started')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(summary).toBeHidden();

  // Day and Month.
  await views.getByRole('link', { name: 'Day' }).click();
  await expect(views.getByRole('link', { name: 'Day' })).toHaveAttribute('aria-current', 'page');
  await expect(calendar.locator('.day-column')).toHaveCount(1);
  await expect(calendar.getByRole('button', { name: 'Meeting: E2E sync, 10:00 – 10:30' })).toBeVisible();
  await views.getByRole('link', { name: 'Month' }).click();
  await expect(page.locator('.month-cell').first()).toBeVisible();
  expect(await page.locator('.month-cell').count()).toBeGreaterThanOrEqual(28);
  await page.getByRole('link', { name: 'Next month' }).click();
  await page.getByRole('link', { name: 'Previous month' }).click();
  await page.getByRole('checkbox', { name: 'Hide weekends' }).check();
  // Counted once the month is drawn without weekends, not while the week of seven still shows.
  await expect(page).toHaveURL(/weekends=hide/);
  await expect(page.locator('.month-head .day-header')).toHaveCount(5);
  expect(await page.locator('.month-cell').count() % 5).toBe(0);
});

test('a busy day in the month opens from "+N more", and a task is marked complete', async ({ page }) => {
  await logIn(page, 'csm.midmarket@example.com');
  await page.goto('/schedule?mode=month');
  await hydrated(page);
  const more = page.locator('.more-link').first();
  await expect(more).toBeVisible();
  await more.click();
  await expect(page.getByRole('navigation', { name: 'Calendar view' }).getByRole('link', { name: 'Day' })).toHaveAttribute('aria-current', 'page');
  const task = page.getByRole('region', { name: 'Calendar' }).getByRole('button', { name: /^Task: (?!.*completed)/ }).first();
  const name = (await task.getAttribute('aria-label'))!;
  await task.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark complete' }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText('Task completed');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: `${name}, completed` }).first()).toBeVisible();
});
