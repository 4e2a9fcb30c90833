import { expect, test, type Page } from '@playwright/test';

import { FROM_THE_APP, logIn } from './helpers';

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

    test('All companies: page 1, then page 2 after Next, sorted by name', async ({ page }) => {
      await logIn(page, 'csm@example.com');
      await expect(page).toHaveURL(/\/summary$/);
      await page.goto('/customers');
      if (javaScriptEnabled) {
        await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
      }
      const nav = page.getByRole('navigation', { name: 'Workspace' });
      for (const tab of TABS) {
        await expect(nav.getByRole('link', { name: tab, exact: true })).toBeVisible();
      }
      await expect(nav.getByRole('link', { name: 'Customers' })).toHaveAttribute('aria-current', 'page');
      await page.getByRole('navigation', { name: 'Saved views' }).getByRole('link', { name: 'All companies' }).click();
      await expect(page).toHaveURL(/view=all$/);
      await expect(page.getByRole('heading', { level: 1, name: /Customers/ })).toBeVisible();
      await expect(page.getByText('Showing 1–50 of 300 companies')).toBeVisible();
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
      await expect(page).toHaveURL(/\/customers\?view=all&page=2$/);
      await expect(page.getByText('Showing 51–100 of 300 companies')).toBeVisible();
      await expect(page.getByText('Page 2 of 6')).toBeVisible();
      const secondPage = await customerNames(page);
      expect(secondPage).toHaveLength(50);
      expect(caseInsensitivelySorted([...firstPage, ...secondPage])).toBe(true);
      if (javaScriptEnabled) {
        expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      }

      await page.getByRole('link', { name: 'Previous' }).click();
      await expect(page.getByText('Showing 1–50 of 300 companies')).toBeVisible();
      expect(await customerNames(page)).toEqual(firstPage);
    });

    test('a filtered, sorted list is read from its link', async ({ page }) => {
      await logIn(page, 'csm@example.com');
      const filters = JSON.stringify({
        groups: [
          { conditions: [{ property: 'plan', operator: 'is_any_of', values: ['enterprise'] }] },
          { conditions: [{ property: 'name', operator: 'starts_with', values: ['blue'] }] },
        ],
      });
      const query = new URLSearchParams({ view: 'all', cols: 'name,plan,arr', sort: '-arr', filters });
      await page.goto(`/customers?${query}`);
      const table = page.getByRole('table', { name: 'Customers' });
      await expect(table.locator('thead th')).toHaveText(['Company name', 'Plan', 'ARR']);
      await expect(table.getByRole('columnheader', { name: 'ARR' })).toHaveAttribute('aria-sort', 'descending');
      const rows = await table.locator('tbody tr').all();
      expect(rows.length).toBeGreaterThan(0);
      const amounts: number[] = [];
      for (const row of rows) {
        const [name, plan, arr] = await row.locator('th, td').allInnerTexts();
        expect(plan === 'Enterprise' || name.toLowerCase().startsWith('blue'), `${name} / ${plan}`).toBe(true);
        amounts.push(Number(arr.replace(/[$,]/g, '')));
      }
      expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
      await expect(page.getByRole('button', { name: /Advanced filters/ })).toContainText('(2)');
      await expect(page.getByText('Unsaved changes')).toBeVisible();
    });
  });
}

test('the last page has no Next link and a bad page number falls back to page 1', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await page.goto('/customers?view=all&page=6');
  await expect(page.getByText('Showing 251–300 of 300 companies')).toBeVisible();
  await expect(page.getByText('Next', { exact: true })).toHaveAttribute('aria-disabled', 'true');
  await page.goto('/customers?view=all&page=banana');
  await expect(page.getByText('Showing 1–50 of 300 companies')).toBeVisible();
});

test('the built-in views: the featured default, Owned by me, Assigned in the last 30 days', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await page.goto('/customers');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const views = page.getByRole('navigation', { name: 'Saved views' });
  // The first view is the default: the demo's featured Everyone view.
  await expect(views.getByRole('link').first()).toHaveAttribute('aria-current', 'page');
  await expect(views.getByRole('link').first()).toContainText('Enterprise renewals');
  await expect(page.getByText('Enterprise customers renewing in the next 90 days')).toBeVisible();

  await views.getByRole('link', { name: 'Owned by me' }).click();
  await expect(page).toHaveURL(/view=owned/);
  await expect(views.getByRole('link', { name: 'Owned by me' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('Companies where you are the Customer Success Manager')).toBeVisible();
  const table = page.getByRole('table', { name: 'Customers' });
  const headers = await table.locator('thead th').allInnerTexts();
  const csmColumn = headers.findIndex((h) => h.toLowerCase().startsWith('customer success manager'));
  expect(csmColumn).toBeGreaterThan(0);
  const csmCells = await table.locator(`tbody tr > :nth-child(${csmColumn + 1})`).allInnerTexts();
  expect(csmCells.length).toBeGreaterThan(0);
  expect(new Set(csmCells)).toEqual(new Set(['Carl Customer']));
  const owned = Number((await page.getByRole('status').filter({ hasText: 'companies' }).first().innerText()).split(' ')[0]);
  expect(owned).toBeGreaterThan(0);
  expect(owned).toBeLessThan(300);

  await views.getByRole('link', { name: 'Assigned in the last 30 days' }).click();
  await expect(page).toHaveURL(/view=assigned/);
  const assigned = await customerNames(page);
  expect(assigned.length).toBeGreaterThan(0);
  expect(assigned.length).toBeLessThan(owned);

  await page.getByRole('button', { name: 'Hide views' }).click();
  await expect(views).toBeHidden();
  await page.getByRole('button', { name: 'Show views' }).click();
  await expect(views).toBeVisible();
});

test('sorting by a column header, then the other way', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await page.goto('/customers?view=all');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const table = page.getByRole('table', { name: 'Customers' });
  const arr = table.getByRole('columnheader', { name: 'ARR' });
  await arr.getByRole('link').click();
  await expect(page).toHaveURL(/sort=arr/);
  await expect(arr).toHaveAttribute('aria-sort', 'ascending');
  const column = (await table.locator('thead th').allInnerTexts()).findIndex((h) => h.startsWith('ARR'));
  const amounts = async () =>
    (await table.locator(`tbody tr > :nth-child(${column + 1})`).allInnerTexts())
      .filter((t) => t !== '—')
      .map((t) => Number(t.replace(/[$,]/g, '')));
  const ascending = await amounts();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await arr.getByRole('link').click();
  await expect(page).toHaveURL(/sort=-arr/);
  await expect(arr).toHaveAttribute('aria-sort', 'descending');
  const descending = await amounts();
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
});

test('an unknown address answers 404 with a way back', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to your customers' })).toBeVisible();
});

test('a server function called from another origin is refused', async ({ page, request }) => {
  const body = 'tab=customers&query=view%3Dall';
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const response = await request.post('/api/load_record_list', {
    headers: { ...headers, Origin: 'http://evil.example' },
    data: body,
  });
  expect(response.status()).toBe(403);
  // With neither Origin nor Sec-Fetch-Site nothing passes.
  const unmarked = await request.post('/api/load_record_list', { headers, data: body });
  expect(unmarked.status()).toBe(403);
  const anonymous = await request.post('/api/load_record_list', {
    headers: { ...headers, ...FROM_THE_APP },
    data: body,
  });
  expect(anonymous.status()).toBe(401);
  await logIn(page, 'csm@example.com');
  const signedIn = await page.request.post('/api/load_record_list', {
    headers: { ...headers, ...FROM_THE_APP },
    data: body,
  });
  expect(signedIn.status()).toBe(200);
  expect(signedIn.headers()['content-type']).toBe('application/x-postcard');
  // The answer is the list the page shows: its first customer is in it.
  await page.goto('/customers?view=all');
  const first = await page.getByRole('table', { name: 'Customers' }).locator('tbody th[scope="row"] a').first().innerText();
  expect((await signedIn.body()).toString('utf8')).toContain(first);
});
