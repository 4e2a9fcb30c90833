import { expect, test, type Locator, type Page } from '@playwright/test';

import { logIn, reloadHydrated } from './helpers';

// These tests move the demo's deals and change a pipeline rule, so they run one after another
// (and after the specs that count deals; see playwright.config.ts).
test.describe.configure({ mode: 'serial' });

const column = (page: Page, stage: string) => page.getByRole('region', { name: stage, exact: true });
const cards = (page: Page, stage: string) => column(page, stage).locator('.board-card');
const card = (page: Page, stage: string, name: string) =>
  column(page, stage).getByRole('listitem', { name, exact: true });
const announcements = (page: Page) => page.getByRole('status', { name: 'Board announcements' });

async function openSalesBoard(page: Page): Promise<void> {
  await logIn(page, 'manager@example.com');
  await page.goto('/revenue?layout=board');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByLabel('Pipeline').locator('option:checked')).toHaveText('Sales pipeline (Deals)');
}

/** Drags `from` onto `to` with the mouse, through pointer events, in small steps. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error('nothing to drag');
  await page.mouse.move(start.x + 20, start.y + 12);
  await page.mouse.down();
  await page.mouse.move(start.x + 40, start.y + 30, { steps: 3 });
  await page.mouse.move(end.x + end.width / 2, end.y + 60, { steps: 8 });
  await page.mouse.up();
}

async function firstCardName(page: Page, stage: string): Promise<string> {
  const name = await cards(page, stage).first().getAttribute('aria-label');
  if (!name) throw new Error(`no card in ${stage}`);
  return name;
}

test('a deal dragged with the mouse to the next stage stays there after reload', async ({ page }) => {
  await openSalesBoard(page);
  const name = await firstCardName(page, 'Appointment scheduled');
  const totals = column(page, 'Qualified to buy').locator('.board-totals');
  const before = Number((await totals.innerText()).match(/^(\d+)/)![1]);

  await drag(page, card(page, 'Appointment scheduled', name), column(page, 'Qualified to buy'));
  const moved = card(page, 'Qualified to buy', name);
  await expect(moved).toBeVisible();
  await expect(card(page, 'Appointment scheduled', name)).toHaveCount(0);
  await expect(totals).toHaveText(new RegExp(`^${before + 1} records`));
  await expect(moved).not.toHaveAttribute('aria-busy', 'true');

  await reloadHydrated(page);
  await expect(card(page, 'Qualified to buy', name)).toBeVisible();
  await expect(card(page, 'Appointment scheduled', name)).toHaveCount(0);
});

/** Moves a focused card `steps` columns to the right with the keyboard and drops it. */
async function moveRight(page: Page, from: Locator, steps: number): Promise<void> {
  await from.focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < steps; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
}

test('a stage with required properties asks for them: cancel puts the card back, save moves it', async ({ page }) => {
  await openSalesBoard(page);
  const name = await firstCardName(page, 'Qualified to buy');
  // Closed lost is five stages on, beyond the screen's edge: the keyboard gets there.
  await moveRight(page, card(page, 'Qualified to buy', name), 5);
  const dialog = page.getByRole('dialog', { name: 'Required for Closed lost' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(`${name} needs these before it can move to Closed lost.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card(page, 'Qualified to buy', name)).toBeVisible();
  await expect(card(page, 'Closed lost', name)).toHaveCount(0);

  await moveRight(page, card(page, 'Qualified to buy', name), 5);
  await expect(dialog).toBeVisible();
  // An empty value is refused at its field, and nothing is sent.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Enter Closed lost reason')).toBeVisible();
  await expect(dialog.getByLabel('Closed lost reason')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Closed lost reason').fill('Chose a competitor');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(announcements(page)).toHaveText(`Saved: ${name} is in Closed lost`);

  await reloadHydrated(page);
  await expect(card(page, 'Closed lost', name)).toBeAttached();
  await expect(card(page, 'Qualified to buy', name)).toHaveCount(0);
  await card(page, 'Closed lost', name).locator('.board-card-details').click();
  const preview = page.getByRole('complementary', { name: 'Record preview' });
  await expect(preview.getByText('Chose a competitor')).toBeVisible();
});

test('the keyboard picks a card up, moves it and drops it, with announcements', async ({ page }) => {
  await openSalesBoard(page);
  const name = await firstCardName(page, 'Qualified to buy');
  const count = await cards(page, 'Presentation scheduled').count();
  await card(page, 'Qualified to buy', name).focus();
  await page.keyboard.press('Space');
  await expect(announcements(page)).toContainText(`Picked up ${name}, in Qualified to buy, position 1 of`);
  await page.keyboard.press('ArrowRight');
  await expect(announcements(page)).toHaveText(`${name} over Presentation scheduled, position 1 of ${count + 1}`);
  await expect(card(page, 'Presentation scheduled', name)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(announcements(page)).toHaveText(`${name} over Presentation scheduled, position 2 of ${count + 1}`);
  await page.keyboard.press('Space');
  await expect(announcements(page)).toContainText('Presentation scheduled');
  await expect(announcements(page)).toHaveText(`Saved: ${name} is in Presentation scheduled`);

  // Escape puts a lifted card back where it was.
  const other = await firstCardName(page, 'Qualified to buy');
  await card(page, 'Qualified to buy', other).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(card(page, 'Decision maker bought-in', other)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(announcements(page)).toHaveText(new RegExp(`^Move cancelled. ${other} is back in Qualified to buy`));
  await expect(card(page, 'Qualified to buy', other)).toBeVisible();

  await reloadHydrated(page);
  await expect(card(page, 'Presentation scheduled', name)).toBeVisible();
  await expect(card(page, 'Qualified to buy', other)).toBeVisible();
});

test('a finger drags a deal too (touch pointer events)', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true });
  const page = await context.newPage();
  await openSalesBoard(page);
  const name = await firstCardName(page, 'Presentation scheduled');
  const from = await card(page, 'Presentation scheduled', name).boundingBox();
  const to = await column(page, 'Decision maker bought-in').boundingBox();
  if (!from || !to) throw new Error('nothing to drag');
  // Real touch input, as the browser receives it from a screen.
  const cdp = await context.newCDPSession(page);
  const touch = (type: string, x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
    });
  await touch('touchStart', from.x + 20, from.y + 12);
  const [x0, y0, x1, y1] = [from.x + 20, from.y + 12, to.x + to.width / 2, to.y + 80];
  for (let i = 1; i <= 10; i += 1) {
    await touch('touchMove', x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10);
  }
  await touch('touchEnd', x1, y1);
  await expect(card(page, 'Decision maker bought-in', name)).toBeVisible();
  await expect(announcements(page)).toHaveText(`Saved: ${name} is in Decision maker bought-in`);
  await context.close();
});

test('a card menu moves a deal to a chosen stage', async ({ page }) => {
  await openSalesBoard(page);
  const name = await firstCardName(page, 'Presentation scheduled');
  await card(page, 'Presentation scheduled', name).getByRole('button', { name: `Actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Move to stage…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move to stage' });
  await dialog.getByRole('radio', { name: 'Decision maker bought-in' }).check();
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(card(page, 'Decision maker bought-in', name)).toBeVisible();
  await expect(announcements(page)).toHaveText(`Saved: ${name} is in Decision maker bought-in`);
});

async function setBackwardRule(page: Page, on: boolean): Promise<void> {
  await page.goto('/settings/workspaces');
  await page.locator('tr[data-workspace-name="Main workspace"]').getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('tablist', { name: 'Workspace settings' }).getByRole('tab', { name: 'Revenue' }).click();
  const rules = page.getByRole('group', { name: 'Rules of Sales pipeline (Deals)' });
  await rules.getByRole('checkbox', { name: 'Block moving backward' }).setChecked(on);
  await expect(rules.getByText('Rules saved')).toBeVisible();
}

test('a move that breaks a pipeline rule snaps back and says which rule', async ({ page }) => {
  await logIn(page, 'manager@example.com');
  await setBackwardRule(page, true);
  try {
    await page.goto('/revenue?layout=board');
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    const name = await firstCardName(page, 'Qualified to buy');
    await drag(page, card(page, 'Qualified to buy', name), column(page, 'Appointment scheduled'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`${name} stayed in Qualified to buy`);
    await expect(alert).toContainText('Block moving backward');
    await expect(card(page, 'Qualified to buy', name)).toBeVisible();
    await expect(card(page, 'Appointment scheduled', name)).toHaveCount(0);
  } finally {
    await setBackwardRule(page, false);
  }
});

test('a viewer without a service seat gets no board', async ({ page }) => {
  await logIn(page, 'viewer@example.com');
  await page.goto('/revenue?layout=board');
  await expect(page.locator('.board')).toHaveCount(0);
  await expect(page.getByText(/service seat/).first()).toBeVisible();
});

test('filters narrow the board and its totals; the table lists the same pipeline', async ({ page }) => {
  await openSalesBoard(page);
  const total = async () => {
    let sum = 0;
    for (const text of await page.locator('.board-totals').allInnerTexts()) {
      sum += Number(text.match(/^(\d+)/)![1]);
    }
    return sum;
  };
  const all = await total();
  await page.getByLabel('Deal owner').selectOption({ label: 'Carl Customer' });
  await expect(page).toHaveURL(/owner=\d+/);
  await expect.poll(total).toBeLessThan(all);
  for (const owner of await page.locator('.board-card-owner dd').allInnerTexts()) {
    expect(owner).toBe('Carl Customer');
  }
  await page.getByRole('navigation', { name: 'Layout' }).getByRole('link', { name: 'Table' }).click();
  await expect(page).toHaveURL(/layout=table.*owner=\d+/);
  await expect(page.getByRole('table', { name: 'Revenue' }).getByRole('columnheader', { name: 'Stage' })).toBeVisible();
});
