import { expect, test, type Locator, type Page } from '@playwright/test';

import { FROM_THE_APP, logIn, reloadHydrated } from './helpers';

// The Summary (SPEC §4): everyone's home page — activities, customer views, today's schedule,
// the health score summary and each user's reports; super admins view it as another user.

const hydrated = (page: Page) => expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

test('a CSM lands on the Summary and follows View more from Overdue tasks', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await expect(page).toHaveURL(/\/summary$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
  const activities = page.getByRole('region', { name: 'Activities' });
  for (const list of ['Alerts', 'Tasks due today', 'Overdue tasks', 'Tasks due tomorrow']) {
    await expect(activities.getByRole('region', { name: list })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Customer views' }).getByText(/companies owned/)).toBeVisible();
  // Carl's busy day (the demo gives him more than eight items today): the first eight, the
  // rest counted.
  const schedule = page.getByRole('region', { name: 'Schedule' });
  await expect(schedule.getByRole('listitem')).toHaveCount(8);
  await expect(schedule.getByText(/^[1-9]\d* more today$/)).toBeVisible();
  const health = page.getByRole('region', { name: 'Health score summary' });
  await expect(health.getByLabel('Health score')).toBeVisible();
  await expect(health.getByRole('img', { name: /customers per score range/ })).toBeVisible();
  await expect(health.getByRole('img', { name: /average score over time/ })).toBeVisible();

  const overdue = activities.getByRole('region', { name: 'Overdue tasks' });
  const count = Number(await overdue.locator('.count-pill').innerText());
  await overdue.getByRole('link', { name: 'View more' }).click();
  await expect(page).toHaveURL(/\/tasks\?view=overdue$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  // The Tasks tab's Overdue view is the one shown, and it counts what the Summary counted.
  const current = page.locator('a[aria-current="page"]').filter({ hasText: 'Overdue' });
  await expect(current.locator('.view-count')).toHaveText(String(count));

  // View records leads to the customers Carl owns.
  await page.goto('/summary');
  await hydrated(page);
  await page.getByRole('region', { name: 'Customer views' }).getByRole('link', { name: 'View records' }).click();
  await expect(page).toHaveURL(/\/customers\?view=owned$/);
});

/** Fills the open Add report dialog, saves, and waits for it to close. */
async function fillAndSaveReport(
  dialog: Locator,
  report: { title: string; object: string; chart: string; groupBy: string; period?: string },
) {
  await dialog.getByLabel('Title').fill(report.title);
  await dialog.getByLabel('Object').selectOption({ label: report.object });
  await dialog.getByRole('radio', { name: report.chart }).check();
  await dialog.getByLabel('Group by').selectOption({ label: report.groupBy });
  if (report.period) {
    await dialog.getByLabel('Period').selectOption({ label: report.period });
  }
  await dialog.getByRole('button', { name: 'Save report' }).click();
  await expect(dialog).toBeHidden();
}

test('reports: a bar of deals by stage, a line of companies created per month and a pie, kept across a reload', async ({ page }) => {
  // Not Carl (other specs count his data), nor the account auth.spec.ts locks out.
  await logIn(page, 'csm.midmarket@example.com');
  await hydrated(page);
  const reports = page.getByRole('region', { name: 'Reporting' });
  await reports.getByRole('button', { name: 'Add report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add report' });
  // Bad input: no title. The field says so and nothing is added.
  await dialog.getByRole('button', { name: 'Save report' }).click();
  await expect(dialog.getByText('Give the report a title')).toBeVisible();
  await fillAndSaveReport(dialog, { title: 'Deals by stage', object: 'Deals', chart: 'Bar', groupBy: 'Stage' });
  const byStage = reports.getByRole('article', { name: 'Deals by stage' });
  await expect(byStage.getByRole('img', { name: 'Deals by stage' })).toBeVisible();
  await expect(byStage.getByText('Deals · Number of deals by stage')).toBeVisible();

  await reports.getByRole('button', { name: 'Add report' }).click();
  await fillAndSaveReport(dialog, {
    title: 'Companies created per month',
    object: 'Companies',
    chart: 'Line',
    groupBy: 'Create date',
    period: 'Month',
  });

  // A pie, drawn in the browser (its trigonometry is the browser's): the slices start at twelve
  // o'clock, each ends where the next begins, the last closes the circle — and the server
  // draws the same paths after a reload.
  await reports.getByRole('button', { name: 'Add report' }).click();
  await fillAndSaveReport(dialog, { title: 'Deals per stage share', object: 'Deals', chart: 'Pie', groupBy: 'Stage' });
  const pie = reports.getByRole('article', { name: 'Deals per stage share' });
  const slicePaths = () => pie.getByRole('img', { name: 'Deals per stage share' }).locator('path').evaluateAll(
    (paths) => paths.map((p) => p.getAttribute('d') ?? ''),
  );
  const drawnInBrowser = await slicePaths();
  expect(drawnInBrowser.length).toBeGreaterThan(1);
  const slice = /^M60\.0,60\.0 L(\d+\.\d,\d+\.\d) A56\.0,56\.0 0 [01] 1 (\d+\.\d,\d+\.\d) Z$/;
  const ends = drawnInBrowser.map((d) => {
    const match = slice.exec(d);
    expect(match, d).not.toBeNull();
    return [match![1], match![2]];
  });
  expect(ends[0][0]).toBe('60.0,4.0');
  ends.slice(1).forEach(([start], i) => expect(start).toBe(ends[i][1]));
  expect(ends[ends.length - 1][1]).toBe('60.0,4.0');

  await reloadHydrated(page);
  expect(await slicePaths()).toEqual(drawnInBrowser);
  const perMonth = reports.getByRole('article', { name: 'Companies created per month' });
  await expect(byStage.getByRole('img', { name: 'Deals by stage' })).toBeVisible();
  await expect(perMonth.getByRole('img', { name: 'Companies created per month' })).toBeVisible();
  // The figures are in a table on demand: every stage row has a count.
  await byStage.getByText('Show the figures').click();
  const rows = byStage.getByRole('table').getByRole('row');
  expect(await rows.count()).toBeGreaterThan(2);
  // The second report moves before the first.
  await reports.getByRole('button', { name: 'Move Companies created per month up' }).click();
  await expect(reports.getByRole('article').first()).toHaveAccessibleName('Companies created per month');
  await reloadHydrated(page);
  await expect(reports.getByRole('article').first()).toHaveAccessibleName('Companies created per month');

  // Removed, they stay gone.
  await reports.getByRole('button', { name: 'Remove Deals by stage' }).click();
  await reports.getByRole('button', { name: 'Remove Companies created per month' }).click();
  await reports.getByRole('button', { name: 'Remove Deals per stage share' }).click();
  await expect(reports.getByRole('article')).toHaveCount(0);
  await expect(reports.getByText('No reports yet')).toBeVisible();
});

test('a super admin without a seat views the Summary as a CSM, read-only', async ({ page }) => {
  await logIn(page, 'superadmin.noseat@example.com');
  await expect(page).toHaveURL(/\/summary$/);
  await hydrated(page);
  await page.getByLabel('View as').selectOption({ label: 'Carl Customer' });
  await expect(page.getByRole('heading', { level: 1, name: 'Carl Customer’s Summary' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'It is read-only' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Reporting' }).getByRole('button', { name: 'Add report' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Customer views' }).getByText(/companies owned/)).toBeVisible();
  // Another user is refused the same view.
  await page.context().clearCookies();
  await logIn(page, 'csm@example.com');
  const response = await page.request.post('/api/get_summary', { headers: FROM_THE_APP, form: { as_user: '1' } });
  expect(response.ok()).toBe(false);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the Summary reads, charts included', async ({ page }) => {
    await logIn(page, 'csm@example.com');
    await expect(page).toHaveURL(/\/summary$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Activities' })).toBeVisible();
    const health = page.getByRole('region', { name: 'Health score summary' });
    await expect(health.getByRole('img', { name: /customers per score range/ })).toBeVisible();
    await expect(health.locator('.average-score')).toContainText('Average score');
  });
});
