import { test, expect } from '@playwright/test';
import { logIn } from './helpers';

// The server under test is a copy of the binary alone in an empty folder (see
// playwright.config.ts): everything below comes from the site embedded in it.

test('the client is content-named, precompressed and cached for good; pages are not cached', async ({
  request,
}) => {
  const login = await request.get('/login', { headers: { 'Accept-Encoding': 'br' } });
  expect(login.status()).toBe(200);
  expect(login.headers()['content-encoding']).toBe('br');
  expect(login.headers()['cache-control']).toBe('no-store');
  const page = await login.text();
  const wasm = page.match(/cs_workspace\.[0-9a-f]{16}_bg/)?.[0];
  const css = page.match(/\/pkg\/cs_workspace\.[0-9a-f]{16}\.css/)?.[0];
  expect(wasm, 'the page names the content-named WASM').toBeTruthy();
  expect(css, 'the page links the content-named stylesheet').toBeTruthy();

  const brotli = await request.get(`/pkg/${wasm}.wasm`, { headers: { 'Accept-Encoding': 'gzip, br' } });
  expect(brotli.status()).toBe(200);
  expect(brotli.headers()['content-encoding']).toBe('br');
  expect(brotli.headers()['content-type']).toBe('application/wasm');
  expect(brotli.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  // Decompressed by the client: a WASM module starts with "\0asm".
  expect((await brotli.body()).subarray(0, 4).toString('latin1')).toBe('\0asm');

  const gzip = await request.get(`/pkg/${wasm}.wasm`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  // What goes over the wire is a fraction of the module.
  expect(Number(brotli.headers()['content-length'])).toBeLessThan((await brotli.body()).length / 2);

  const style = await request.get(css!, { headers: { 'Accept-Encoding': 'br' } });
  expect(style.headers()['cache-control']).toContain('immutable');
});

test('load balancers get /health without a session', async ({ request }) => {
  const health = await request.get('/health', { maxRedirects: 0 });
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe('ok');
});

test('the binary alone serves the login page and a hydrated Customers tab', async ({ page }) => {
  const wasmResponses: number[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.wasm')) wasmResponses.push(response.status());
  });
  await logIn(page, 'csm@example.com');
  await expect(page).toHaveURL(/\/summary/);
  await page.goto('/customers');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  // Hydrated: the view tabs' menu opens on click (a handler, not a link).
  await page.getByRole('button', { name: 'Edit columns' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit columns' })).toBeVisible();
  expect(wasmResponses.length).toBeGreaterThan(0);
  expect(wasmResponses.every((status) => status === 200)).toBe(true);
});

test('the app hydrates under its Content-Security-Policy, which refuses injected scripts', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await logIn(page, 'csm@example.com');
  const summary = await page.goto('/summary');
  const policy = summary!.headers()['content-security-policy'];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}' 'wasm-unsafe-eval'/);
  expect(summary!.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.goto('/customers');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByRole('button', { name: 'Edit columns' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit columns' })).toBeVisible();
  expect(violations, 'the app itself breaks no rule of its policy').toEqual([]);

  // A script slipped into the page (say, through stored markup) does not run.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.appendChild(script);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});

test('the login page fetches the Summary’s code while the user types, and no other page’s', async ({ page }) => {
  const lazyParts: string[] = [];
  page.on('response', (response) => {
    if (/\.(split|chunk)_[^/]*\.wasm$/.test(response.url())) lazyParts.push(response.url());
  });
  const summaryCode = page.waitForResponse((response) => response.url().includes('split_summary'));
  await page.goto('/login');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  // Logging in lands on the Summary: its code is on its way before anyone has typed.
  expect((await summaryCode).status()).toBe(200);
  await page.waitForLoadState('networkidle');
  const groups = lazyParts.filter((url) => url.includes('split_')).map((url) => url.match(/split_\w+/)?.[0]);
  expect(groups).toEqual(['split_summary']);
});

test('the Summary hydrates without its dialogs, whose code comes with the pages group when one is first opened', async ({ page }) => {
  const lazyParts: string[] = [];
  page.on('response', (response) => {
    if (/\.(split|chunk)_[^/]*\.wasm$/.test(response.url())) lazyParts.push(response.url());
  });
  const pagesGroup = () => lazyParts.filter((url) => url.includes('split_pages'));
  await logIn(page, 'manager@example.com');
  await expect(page).toHaveURL(/\/summary/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.waitForLoadState('networkidle');
  expect(pagesGroup()).toEqual([]);
  const reports = page.getByRole('region', { name: 'Reporting' });
  await reports.getByRole('button', { name: 'Add report' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add report' });
  await expect(dialog.getByLabel('Title')).toBeVisible();
  expect(pagesGroup()).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('pages other than the lists fetch their code only when opened, and then work', async ({ page }) => {
  const lazyParts: { url: string; status: number; cache?: string }[] = [];
  page.on('response', (response) => {
    if (/\.(split|chunk)_[^/]*\.wasm$/.test(response.url())) {
      lazyParts.push({ url: response.url(), status: response.status(), cache: response.headers()['cache-control'] });
    }
  });
  await logIn(page, 'admin@example.com');
  // Logging in lands on the Summary, itself a lazily loaded page: its group and the chunks of
  // code it shares with other groups (13 files), not a file per page and combination of pages
  // (a module per page made it 81–96).
  await expect.poll(() => lazyParts.some((part) => part.url.includes('split_summary'))).toBe(true);
  await page.waitForLoadState('networkidle');
  const files = new Set(lazyParts.map((part) => part.url));
  expect(files.size, [...files].join('\n')).toBeLessThanOrEqual(14);
  lazyParts.length = 0;
  await page.goto('/customers');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  // (Its own parts — preview, dialogs — follow a second later, when it is idle.)
  expect(lazyParts, 'the Customers tab needs none of the lazily loaded parts').toEqual([]);

  // Opened from the top bar, within the page: the Users page's part arrives and the page works.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect.poll(() => lazyParts.some((part) => part.url.includes('split_settings'))).toBe(true);
  const form = page.getByRole('region', { name: 'Create user' });
  await form.getByLabel('Name').fill('Lazy Loaded');
  await form.getByLabel('Email').fill('lazy@localhost');
  await form.getByLabel('Initial password').fill('lazy-password-1');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter a valid email address');

  // Opened directly: the page hydrates once its part has arrived.
  await page.goto('/settings/health-scores');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  expect(lazyParts.some((part) => part.url.includes('split_settings'))).toBe(true);
  await page.getByRole('button', { name: 'Create health score' }).click();
  await expect(page.getByRole('dialog', { name: 'Create health score' })).toBeVisible();

  // Every part is content-named like the rest of the client, so cached for good.
  expect(lazyParts.every((part) => part.status === 200 && part.cache?.includes('immutable'))).toBe(true);
});

test('a list tab hydrates without its preview and dialogs, fetches them once idle or when first needed; a preview opened by its URL, and a board without its dialogs, hydrate', async ({
  page,
}) => {
  const lazyParts: string[] = [];
  const errors: string[] = [];
  page.on('response', (response) => {
    if (/\.(split|chunk)_[^/]*\.wasm$/.test(response.url())) lazyParts.push(response.url());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('Failed to load resource')) errors.push(message.text());
  });
  const listParts = () => lazyParts.filter((url) => url.includes('split_list_parts'));
  await logIn(page, 'manager@example.com');
  await expect(page).toHaveURL(/\/summary/);
  // The Summary's own parts, still arriving, are not the Customers tab's.
  await page.waitForLoadState('networkidle');

  // With the parts' module refused, the list still hydrates (it does not wait for it), asks for
  // it once idle, before any click, and goes on working when that fails.
  await page.route(/split_list_parts/, (route) => route.abort());
  lazyParts.length = 0;
  const refused = page.waitForEvent('requestfailed', (request) => request.url().includes('split_list_parts'));
  await page.goto('/customers');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await refused;
  await page.unroute(/split_list_parts/);

  // The first dialog opened then fetches the module again; the others need nothing more.
  await page.getByRole('button', { name: 'Edit columns' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit columns' })).toBeVisible();
  expect(listParts()).toHaveLength(1);
  await page.getByRole('dialog', { name: 'Edit columns' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit columns' })).toBeHidden();
  await page.getByRole('button', { name: 'Advanced filters' }).click();
  await expect(page.getByRole('region', { name: 'Advanced filters' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Customers' });
  const link = table.locator('tbody th[scope="row"] a').first();
  const name = await link.innerText();
  const href = await link.getAttribute('href');
  await link.click();
  const preview = page.getByRole('complementary', { name: 'Record preview' });
  await expect(preview.getByRole('heading', { level: 2, name })).toBeVisible();
  expect(listParts()).toHaveLength(1);

  // A fresh load of the list fetches the parts once idle, without a click.
  lazyParts.length = 0;
  await page.goto('/tasks');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect.poll(listParts).toHaveLength(1);

  // Opened by its URL: the module is fetched before hydrating, which adopts the server's preview.
  lazyParts.length = 0;
  await page.goto(href!);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  expect(listParts()).toHaveLength(1);
  await preview.getByRole('button', { name: /Show all properties/ }).click();
  await expect(preview.getByRole('button', { name: 'Show key properties' })).toBeVisible();

  // A pipeline tab shown as a table hydrates without the board's code.
  const board = () => lazyParts.filter((url) => url.includes('split_board'));
  lazyParts.length = 0;
  await page.goto('/revenue?layout=table');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  expect(board()).toEqual([]);
  // (Its own idle fetch of the list parts, done before the next page refuses them.)
  await expect.poll(listParts).toHaveLength(1);

  // A pipeline tab's board: its own group, fetched before hydrating, without the list parts
  // (they follow once idle: refused here); and the board works. Its dialogs are list parts:
  // the first one opened fetches them.
  await page.route(/split_list_parts/, (route) => route.abort());
  const refusedOnBoard = page.waitForEvent('requestfailed', (request) => request.url().includes('split_list_parts'));
  lazyParts.length = 0;
  await page.goto('/revenue?layout=board');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  expect(board()).toHaveLength(1);
  await refusedOnBoard;
  expect(listParts()).toEqual([]);
  // A dialog whose code cannot be fetched closes and says so; the board goes on working.
  const actions = page.getByRole('button', { name: /^Actions for / }).first();
  await actions.click();
  await page.getByRole('menuitem', { name: 'Move to stage…' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'was not moved: the dialog could not be loaded' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Move to stage' })).toHaveCount(0);
  await page.unroute(/split_list_parts/);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await actions.click();
  await page.getByRole('menuitem', { name: 'Move to stage…' }).click();
  await expect(page.getByRole('dialog', { name: 'Move to stage' })).toBeVisible();
  expect(listParts()).toHaveLength(1);
  // The refused fetch is reported by the loader, and is the only error: nothing panicked.
  expect(errors.filter((error) => !/Failed to fetch/.test(error)), 'no hydration or script error').toEqual([]);
});

test('a page whose code cannot be fetched says so instead of breaking, and loads when opened again', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await logIn(page, 'admin@example.com');
  await expect(page).toHaveURL(/\/summary/);
  await page.waitForLoadState('networkidle');
  await page.route(/split_settings/, (route) => route.abort());
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This part of the page could not be loaded' })).toBeVisible();
  // The rest of the app still works: another tab opens.
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Customers' })).toBeVisible();
  await page.unroute(/split_settings/);
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  expect(errors, 'nothing panicked').toEqual([]);
});
