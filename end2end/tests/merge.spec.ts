import { expect, test, type Page } from '@playwright/test';

import { FROM_THE_APP, logIn } from './helpers';

// Runs after every other spec (the "after-all" project): merging removes a company, and other
// specs count the demo's 300.

const table = (page: Page) => page.getByRole('table', { name: 'Customers' });
const preview = (page: Page) => page.getByRole('complementary', { name: 'Record preview' });

test('two companies merged: the chosen value stays and the other disappears', async ({ page }) => {
  await logIn(page, 'manager@example.com');
  // Two companies of the last page of All companies.
  await page.goto('/customers?view=all&cols=name%2Carr&page=6');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const names = await table(page).locator('tbody th[scope="row"]').allInnerTexts();
  const [kept, merged] = [names[names.length - 2], names[names.length - 1]];
  const mergedRow = table(page).locator('tbody tr', { hasText: merged });
  const mergedArr = await mergedRow.locator('td').first().innerText();
  const mergedId = await mergedRow.getAttribute('data-record-id');
  await table(page).getByRole('link', { name: kept, exact: true }).click();
  await expect(preview(page).getByRole('heading', { level: 2, name: kept })).toBeVisible();
  const keptId = /record=(\d+)/.exec(page.url())![1];

  await preview(page).getByRole('button', { name: 'Actions' }).click();
  await preview(page).getByRole('menuitem', { name: 'Merge' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge' });
  await dialog.getByRole('searchbox').fill(merged.slice(0, 8));
  await dialog.getByRole('button', { name: 'Search' }).click();
  await expect(dialog.getByRole('button', { name: kept, exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: merged, exact: true }).click();
  const arr = dialog.getByRole('group', { name: 'ARR' });
  await arr.getByRole('radio', { name: new RegExp(`\\(${merged.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`) }).check();
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toBeHidden();
  await expect(preview(page).getByRole('group', { name: 'ARR' }).locator('.property-value')).toHaveText(mergedArr);
  await expect(table(page).getByRole('link', { name: merged, exact: true })).toHaveCount(0);
  await page.goto(`/records/${mergedId}`);
  await expect(page.getByRole('alert')).toContainText('was not found');

  // Merging a record into itself is refused by the server.
  const self = await page.request.post('/api/merge_records', { headers: FROM_THE_APP, form: { kept_id: keptId, merged_id: keptId } });
  expect(self.status()).toBe(422);
});
