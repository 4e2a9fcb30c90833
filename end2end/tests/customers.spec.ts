import { expect, test, type Page } from '@playwright/test';

import { logIn } from './helpers';

const TABS = ['Summary', 'Customers', 'Services', 'Revenue', 'Tasks', 'Schedule', 'Feed'];

/** Names in the first column of the customers table, in order. */
async function customerNames(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Customers' }).locator('tbody th[scope="row"]').allInnerTexts();
}

function caseInsensitivelySorted(names: string[]): boolean {
  return names.every((name, i) => i === 0 || names[i - 1].toLowerCase() <= name.toLowerCase());
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test.describe(`Customers tab ${mode}`, () => {
    test.use({ javaScriptEnabled });

    test('shows page 1, then page 2 after Next, sorted by name', async ({ page }) => {
      await logIn(page, 'csm@example.com');
      await expect(page).toHaveURL(/\/customers$/);
      if (javaScriptEnabled) {
        await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
      }
      const nav = page.getByRole('navigation', { name: 'Workspace' });
      for (const tab of TABS) {
        await expect(nav.getByRole('link', { name: tab, exact: true })).toBeVisible();
      }
      await expect(nav.getByRole('link', { name: 'Customers' })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
      await expect(page.getByText('Showing 1–50 of 300 customers')).toBeVisible();
      await expect(page.getByRole('columnheader', { name: 'Company name' })).toBeVisible();
      await expect(page.getByRole('columnheader', { name: 'ARR' })).toBeVisible();

      const firstPage = await customerNames(page);
      expect(firstPage).toHaveLength(50);
      expect(caseInsensitivelySorted(firstPage)).toBe(true);
      await expect(page.getByText('Previous', { exact: true })).toHaveAttribute('aria-disabled', 'true');

      if (javaScriptEnabled) {
        // A client-side navigation keeps this marker; a full page load would lose it.
        await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
      }
      await page.getByRole('link', { name: 'Next' }).click();
      await expect(page).toHaveURL(/\/customers\?page=2$/);
      await expect(page.getByText('Showing 51–100 of 300 customers')).toBeVisible();
      await expect(page.getByText('Page 2 of 6')).toBeVisible();
      const secondPage = await customerNames(page);
      expect(secondPage).toHaveLength(50);
      expect(caseInsensitivelySorted([...firstPage, ...secondPage])).toBe(true);
      if (javaScriptEnabled) {
        expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      }

      await page.getByRole('link', { name: 'Previous' }).click();
      await expect(page.getByText('Showing 1–50 of 300 customers')).toBeVisible();
      expect(await customerNames(page)).toEqual(firstPage);
    });
  });
}

test('the last page has no Next link and a bad page number falls back to page 1', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await page.goto('/customers?page=6');
  await expect(page.getByText('Showing 251–300 of 300 customers')).toBeVisible();
  await expect(page.getByText('Next', { exact: true })).toHaveAttribute('aria-disabled', 'true');
  await page.goto('/customers?page=banana');
  await expect(page.getByText('Showing 1–50 of 300 customers')).toBeVisible();
});

test('tabs that are not built yet say so and show no data', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Tasks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(page.getByText('The Tasks tab is on its way')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});

test('Owned by me lists only the customers whose CSM is the viewer', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const views = page.getByRole('navigation', { name: 'Views' });
  await expect(views.getByRole('link', { name: 'All customers' })).toHaveAttribute('aria-current', 'page');
  await views.getByRole('link', { name: 'Owned by me' }).click();
  await expect(page).toHaveURL(/view=mine/);
  await expect(views.getByRole('link', { name: 'Owned by me' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Companies where you are the Customer Success Manager')).toBeVisible();
  const table = page.getByRole('table', { name: 'Customers' });
  const headers = await table.locator('thead th').allInnerTexts();
  const csmColumn = headers.findIndex((h) => h.toLowerCase() === 'customer success manager');
  expect(csmColumn).toBeGreaterThan(0);
  const csmCells = await table.locator(`tbody tr > :nth-child(${csmColumn + 1})`).allInnerTexts();
  expect(csmCells.length).toBeGreaterThan(0);
  expect(new Set(csmCells)).toEqual(new Set(['Carl Customer']));
  const status = await page.locator('.pager-status').innerText();
  const owned = Number(/of (\d+) customers/.exec(status)?.[1]);
  expect(owned).toBeGreaterThan(0);
  expect(owned).toBeLessThan(300);
});

test('an unknown address answers 404 with a way back', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to your customers' })).toBeVisible();
});

test('a server function called from another origin is refused', async ({ page, request }) => {
  const response = await request.post('/api/list_customers', {
    headers: { Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'page=1',
  });
  expect(response.status()).toBe(403);
  const anonymous = await request.post('/api/list_customers', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'page=1',
  });
  expect(anonymous.status()).toBe(401);
  await logIn(page, 'csm@example.com');
  const signedIn = await page.request.post('/api/list_customers', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'page=1',
  });
  expect(signedIn.status()).toBe(200);
  expect((await signedIn.json()).page.total).toBe(300);
});
