import { expect, test, type Page } from '@playwright/test';

import { FROM_THE_APP, logIn, reloadHydrated } from './helpers';

async function openList(page: Page, query: string): Promise<void> {
  await page.goto(`/customers?${query}`);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

const table = (page: Page) => page.getByRole('table', { name: 'Customers' });

test('a private view with three columns and an OR filter is kept after a reload', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await openList(page, 'view=all');

  // Three columns, ARR moved before Industry with the keyboard.
  await page.getByRole('button', { name: 'Edit columns' }).click();
  const columns = page.getByRole('dialog', { name: 'Edit columns' });
  // (The built-in views also show the demo's live health score and category.)
  for (const label of [
    'Company domain name',
    'Customer Success Manager',
    'Renewal date',
    'Last activity date',
    'Customer health score',
    'Customer health category',
  ]) {
    await columns.getByRole('button', { name: `Remove ${label}` }).click();
  }
  await expect(columns.getByRole('heading', { name: 'Selected columns (3)' })).toBeVisible();
  await columns.getByRole('button', { name: 'Move ARR up' }).focus();
  await page.keyboard.press('Enter');
  await expect(columns.getByRole('button', { name: 'Move ARR up' })).toBeFocused();
  await expect(columns.locator('.column-label')).toHaveText(['Company name', 'ARR', 'Industry']);
  await columns.getByRole('button', { name: 'Apply' }).click();
  await expect(table(page).locator('thead th')).toHaveText(['Company name', 'ARR', 'Industry']);

  // (Industry is Software AND ARR ≥ 100,000) OR Company name starts with "blue".
  await page.getByRole('button', { name: 'Advanced filters' }).click();
  const panel = page.getByRole('region', { name: 'Advanced filters' });
  await panel.getByRole('button', { name: 'Add filter group' }).click();
  const group1 = panel.getByRole('group', { name: 'Group 1' });
  const first = group1.getByRole('group', { name: 'Condition 1' });
  await first.getByLabel('Property').selectOption({ label: 'Industry' });
  await first.getByLabel('Operator').selectOption({ label: 'is any of' });
  await first.getByRole('checkbox', { name: 'Software' }).check();
  await group1.getByRole('button', { name: 'Add condition' }).click();
  const second = group1.getByRole('group', { name: 'Condition 2' });
  await second.getByLabel('Property').selectOption({ label: 'ARR' });
  await second.getByLabel('Operator').selectOption({ label: 'is at least' });
  await second.getByLabel('Value', { exact: true }).fill('100,000');
  await panel.getByRole('button', { name: 'Add filter group' }).click();
  const group2 = panel.getByRole('group', { name: 'Group 2' });
  await group2.getByLabel('Property').selectOption({ label: 'Company name' });
  await group2.getByLabel('Operator').selectOption({ label: 'starts with' });
  await group2.getByLabel('Value', { exact: true }).fill('blue');
  await panel.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/filters=/);
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // Retried until the list has settled on the filtered rows.
  const check = () =>
    expect(async () => {
      const rows = await table(page).locator('tbody tr').all();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const [name, arr, industry] = await row.locator('th, td').allInnerTexts();
        const big = industry === 'Software' && Number(arr.replace(/[$,]/g, '')) >= 100_000;
        expect(big || name.toLowerCase().startsWith('blue'), `${name} ${arr} ${industry}`).toBe(true);
      }
    }).toPass();
  await check();

  await page.getByRole('button', { name: 'Create view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create view' });
  await dialog.getByLabel('Name').fill('Big software or blue');
  await expect(dialog.getByRole('radio', { name: 'Private' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(page).toHaveURL(/\/customers\?view=\d+$/);
  const link = page.getByRole('navigation', { name: 'Saved views' }).getByRole('link', { name: /Big software or blue/ });
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(link).toContainText('Private');

  await reloadHydrated(page);
  await expect(table(page).locator('thead th')).toHaveText(['Company name', 'ARR', 'Industry']);
  await expect(page.getByRole('button', { name: /Advanced filters/ })).toContainText('(3)');
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await check();
});

test('a CSM cannot share a view with Everyone', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await openList(page, 'view=owned');
  await page.getByRole('button', { name: 'Create view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create view' });
  await expect(dialog.getByRole('radio', { name: 'Everyone' })).toBeDisabled();
  await expect(dialog.getByText('Sharing with Everyone needs the Manage Customer Success Settings permission.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The server refuses too.
  const refused = await page.request.post('/api/create_view', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...FROM_THE_APP },
    form: { tab: 'customers', name: 'Sneaky', sharing: 'everyone', state: '{"columns":["name"]}' },
  });
  expect(refused.status()).toBe(403);
});

test('a manager shares a view with Everyone, renames it and deletes it', async ({ browser }) => {
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await logIn(manager, 'manager@example.com');
  await openList(manager, 'view=all&cols=name%2Carr&sort=-arr');
  await manager.getByRole('button', { name: 'Create view' }).click();
  const dialog = manager.getByRole('dialog', { name: 'Create view' });
  await dialog.getByLabel('Name').fill('Top ARR');
  await dialog.getByRole('radio', { name: 'Everyone' }).check();
  await expect(dialog.getByLabel('Set view as default and feature on the summary page')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save view' }).click();
  const views = manager.getByRole('navigation', { name: 'Saved views' });
  await expect(views.getByRole('link', { name: /Top ARR/ })).toContainText('Everyone');

  const csmContext = await browser.newContext();
  const csm = await csmContext.newPage();
  await logIn(csm, 'csm@example.com');
  await csm.goto('/customers');
  await csm.getByRole('navigation', { name: 'Saved views' }).getByRole('link', { name: /Top ARR/ }).click();
  await expect(csm.getByRole('table', { name: 'Customers' }).locator('thead th')).toHaveText(['Company name', 'ARR']);
  await expect(csm.getByRole('button', { name: 'Delete view' })).toHaveCount(0);

  await manager.getByRole('button', { name: 'Rename view' }).click();
  const rename = manager.getByRole('dialog', { name: 'Rename view' });
  await rename.getByLabel('Name').fill('Largest ARR');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(views.getByRole('link', { name: /Largest ARR/ })).toBeVisible();
  await manager.getByRole('button', { name: 'Delete view' }).click();
  await manager.getByRole('dialog', { name: /Delete Largest ARR/ }).getByRole('button', { name: 'Delete view' }).click();
  await expect(views.getByRole('link', { name: /Largest ARR/ })).toHaveCount(0);
  await managerContext.close();
  await csmContext.close();
});

test('bad filter values are shown at the field and not sent', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await openList(page, 'view=all');
  await page.getByRole('button', { name: 'Advanced filters' }).click();
  const panel = page.getByRole('region', { name: 'Advanced filters' });
  await panel.getByRole('button', { name: 'Add filter group' }).click();
  const condition = panel.getByRole('group', { name: 'Condition 1' });
  await condition.getByLabel('Property').selectOption({ label: 'ARR' });
  await condition.getByLabel('Operator').selectOption({ label: 'is at least' });
  await condition.getByLabel('Value', { exact: true }).fill('12a');
  await panel.getByRole('button', { name: 'Apply filters' }).click();
  await expect(condition.getByRole('alert')).toHaveText('Enter an amount, like 1250 or 1250.50');
  await expect(condition.getByLabel('Value', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/view=all$/);

  await condition.getByLabel('Property').selectOption({ label: 'Number of employees' });
  await condition.getByLabel('Operator').selectOption({ label: 'is between' });
  await condition.getByLabel('From', { exact: true }).fill('100');
  await condition.getByLabel('To', { exact: true }).fill('10');
  await panel.getByRole('button', { name: 'Apply filters' }).click();
  await expect(condition.getByRole('alert')).toHaveText('The end of the range must not be before its start');
  await expect(condition.getByLabel('To', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/view=all$/);

  // An inverted custom date range, in the quick filter.
  await page.getByLabel('Create date', { exact: true }).selectOption({ label: 'Custom range' });
  await page.getByLabel('Create date from').fill('2026-02-01');
  await page.getByLabel('Create date to').fill('2026-01-01');
  await page.getByRole('button', { name: 'Apply range' }).click();
  await expect(page.locator('.quick-filters').getByRole('alert')).toHaveText(
    'The end of the range must not be before its start',
  );
  await expect(page.getByLabel('Create date to')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/view=all$/);

  // The server refuses such a link too, with the message.
  await page.goto('/customers?view=all&cols=name&created=2026-02-01..2026-01-01');
  await expect(page.getByRole('alert')).toContainText('The end of the range must not be before its start');
});

test('quick filters narrow the list and live in the URL', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await openList(page, 'view=all');
  const status = page.getByRole('status').filter({ hasText: /companies$/ });
  await expect(status).toHaveText('300 companies');
  await page.getByLabel('Last activity date', { exact: true }).selectOption({ label: 'Last 7 days' });
  await expect(page).toHaveURL(/activity=7d/);
  // The list keeps showing the previous count until the filtered one arrives.
  await expect(status).not.toHaveText('300 companies');
  const recent = Number((await status.innerText()).split(' ')[0]);
  expect(recent).toBeGreaterThan(0);
  expect(recent).toBeLessThan(300);
  await page.getByLabel('Create date', { exact: true }).selectOption({ label: 'Today' });
  await expect(page).toHaveURL(/created=today/);
  await expect(status).toHaveText('0 companies');
  await expect(page.getByText('No companies match these filters.')).toBeVisible();
});

test('columns reorder by dragging, and a searched property is added', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await openList(page, 'view=all');
  await page.getByRole('button', { name: 'Edit columns' }).click();
  const columns = page.getByRole('dialog', { name: 'Edit columns' });
  const items = columns.locator('.column-item');
  await items.filter({ hasText: 'ARR' }).dragTo(items.first());
  await expect(columns.locator('.column-label').first()).toHaveText('ARR');
  await columns.getByLabel('Search properties').fill('pla');
  await expect(columns.getByRole('checkbox')).toHaveCount(1);
  await columns.getByRole('checkbox', { name: 'Plan' }).check();
  await expect(columns.locator('.column-label').last()).toHaveText('Plan');
  await columns.getByRole('button', { name: 'Apply' }).click();
  const headers = table(page).locator('thead th');
  await expect(headers.first()).toHaveText('ARR');
  await expect(headers.last()).toHaveText('Plan');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
});
