import { expect, test, type Page } from '@playwright/test';

import { FROM_THE_APP, logIn } from './helpers';

// These tests build on each other: one team workspace is created, edited, limited and deleted.
test.describe.configure({ mode: 'serial' });

async function openWorkspaces(page: Page): Promise<void> {
  await logIn(page, 'manager@example.com');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customer Success objects' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Workspaces' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workspaces' })).toBeVisible();
}

// The Revenue and Services tabs come first: a later test changes the revenue objects for a moment.
test('Revenue opens on the default pipeline as a board, and switches pipeline and layout', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Revenue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Revenue' })).toBeVisible();
  const pipeline = page.getByLabel('Pipeline');
  await expect(pipeline.locator('option:checked')).toHaveText('Sales pipeline (Deals)');
  const layouts = page.getByRole('navigation', { name: 'Layout' });
  await expect(layouts.getByRole('link', { name: 'Board' })).toHaveAttribute('aria-current', 'page');
  const stages = page.locator('.board-column h2');
  await expect(stages).toHaveText([
    'Appointment scheduled',
    'Qualified to buy',
    'Presentation scheduled',
    'Decision maker bought-in',
    'Contract sent',
    'Closed won',
    'Closed lost',
  ]);
  // Per-stage totals are computed over the whole stage, not just the cards shown.
  const won = page.getByRole('region', { name: 'Closed won' });
  await expect(won.locator('.board-totals')).toHaveText(/^\d+ records? · Amount \$[\d,]+$/);
  expect(await won.locator('.board-card').count()).toBeGreaterThan(0);

  await pipeline.selectOption({ label: 'Support pipeline (Tickets)' });
  await expect(page).toHaveURL(/pipeline=\d+&layout=board/);
  await expect(stages).toHaveText(['New', 'Waiting on contact', 'Waiting on us', 'Closed']);

  await layouts.getByRole('link', { name: 'Table' }).click();
  await expect(page).toHaveURL(/layout=table/);
  const table = page.getByRole('table', { name: 'Revenue' });
  await expect(table.getByRole('columnheader', { name: 'Stage' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Ticket name' })).toBeVisible();
  const stageCells = await table.locator('tbody tr > td:nth-child(2)').allInnerTexts();
  expect(stageCells.length).toBeGreaterThan(0);
  for (const stage of stageCells) {
    expect(['New', 'Waiting on contact', 'Waiting on us', 'Closed']).toContain(stage);
  }
});

test('Services shows the service delivery pipeline', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await page.goto('/services');
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await expect(page.locator('.board-column h2')).toHaveText(['Kick-off', 'In progress', 'On hold', 'Completed']);
  await expect(page.getByLabel('Pipeline').locator('option:checked')).toHaveText('Service delivery');
});

const row = (page: Page, name: string) => page.locator(`tr[data-workspace-name="${name}"]`);

test('a manager creates a team workspace, edits every tab, and its members follow it', async ({ page, browser }) => {
  await openWorkspaces(page);
  await expect(row(page, 'Main workspace').getByText('Main')).toBeVisible();
  await expect(row(page, 'Main workspace').getByRole('button', { name: 'Delete' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Create workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create workspace' });
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog.getByText('Enter a name of 1 to 100 characters')).toBeVisible();
  await dialog.getByLabel('Name').fill('Mid-Market');
  await dialog.getByLabel('Description').fill('Accounts from 50 to 500 seats');
  await dialog.getByRole('checkbox', { name: 'Mid-Market CS' }).check();
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, 'Mid-Market').locator('.chip')).toHaveText(['Mid-Market CS']);

  await row(page, 'Mid-Market').getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mid-Market' })).toBeVisible();
  const tabs = page.getByRole('tablist', { name: 'Workspace settings' });
  const panel = page.locator('[role="tabpanel"]:not([hidden])');

  // General: a blank name is refused next to the field; unsaved changes are flagged.
  await panel.getByLabel('Name').fill('');
  await expect(panel.getByText('You have unsaved changes')).toBeVisible();
  await expect(tabs.getByRole('tab', { name: /General.*unsaved/ })).toBeVisible();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Enter a name of 1 to 100 characters')).toBeVisible();
  await panel.getByLabel('Name').fill('Mid-Market');
  await panel.getByLabel('Description').fill('Accounts from 50 to 500 seats, renewals first');
  // Teams: the × on a chip removes it, the dropdown adds one; a team of another workspace would
  // be offered as taken.
  const chips = panel.getByRole('list', { name: 'Teams of this workspace' }).locator('.chip');
  await panel.getByRole('button', { name: 'Remove Mid-Market CS' }).click();
  await expect(chips).toHaveCount(0);
  await panel.getByLabel('Add team').selectOption({ label: 'Onboarding' });
  await panel.getByLabel('Add team').selectOption({ label: 'Mid-Market CS' });
  await expect(chips).toHaveText(['Mid-Market CS×', 'Onboarding×']);
  await panel.getByRole('button', { name: 'Remove Onboarding' }).click();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();
  await expect(chips).toHaveText(['Mid-Market CS×']);
  await expect(tabs.getByRole('tab', { name: 'General' })).not.toContainText('unsaved');

  // Arrow keys move between tabs; a draft survives switching tabs, and leaving with unsaved
  // changes asks first.
  await tabs.getByRole('tab', { name: 'General' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Customers' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: 'Customers' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await panel.getByLabel('Description').fill('A draft nobody saves');
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: '← All workspaces' }).click();
  await expect.poll(() => asked).toBe('You have unsaved changes. Leave without saving?');
  await expect(page.getByRole('heading', { level: 1, name: 'Mid-Market' })).toBeVisible();
  await expect(panel.getByLabel('Description')).toHaveValue('A draft nobody saves');
  await panel.getByLabel('Description').fill('Accounts from 50 to 500 seats, renewals first');
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();

  await tabs.getByRole('tab', { name: 'Customers' }).click();
  await expect(panel.getByLabel('CSM property').locator('option:checked')).toHaveText('Customer Success Manager');
  // Only user properties are offered for the CSM, only dates for the renewal.
  await expect(panel.getByLabel('CSM property').locator('option')).toHaveText(['Customer Success Manager', 'Company owner']);
  await expect(panel.getByLabel('Renewal date property').locator('option')).toHaveText([
    'No renewal date',
    'Renewal date',
    'Last activity date',
  ]);
  await panel.getByLabel('CSM property').selectOption({ label: 'Company owner' });
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();

  await tabs.getByRole('tab', { name: 'Services' }).click();
  const showServices = panel.getByRole('switch', { name: 'Show Services tab' });
  await expect(showServices).toBeChecked();
  await showServices.uncheck();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();

  await tabs.getByRole('tab', { name: 'Revenue' }).click();
  await panel.getByRole('checkbox', { name: 'Sales pipeline (Deals)' }).uncheck();
  await panel.getByRole('checkbox', { name: 'Renewals pipeline (Deals)' }).uncheck();
  await panel.getByRole('checkbox', { name: 'Support pipeline (Tickets)' }).uncheck();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Choose at least one pipeline')).toBeVisible();
  await panel.getByRole('checkbox', { name: 'Renewals pipeline (Deals)' }).check();
  await panel.getByRole('checkbox', { name: 'Support pipeline (Tickets)' }).check();
  await panel.getByLabel('Default pipeline').selectOption({ label: 'Renewals pipeline' });
  await panel.getByLabel('Default layout').selectOption({ label: 'Table' });
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Saved', { exact: true })).toBeVisible();

  // A member of Mid-Market CS now works in this workspace.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await logIn(member, 'csm.midmarket@example.com');
  const nav = member.getByRole('navigation', { name: 'Workspace' });
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Services' })).toHaveCount(0);
  await member.goto('/services');
  await expect(member.getByText('The Services tab is turned off for your workspace')).toBeVisible();
  await member.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Revenue' }).click();
  await expect(member.getByLabel('Pipeline').locator('option:checked')).toHaveText('Renewals pipeline (Deals)');
  await expect(member.getByLabel('Pipeline').locator('option')).toHaveText([
    'Renewals pipeline (Deals)',
    'Support pipeline (Tickets)',
  ]);
  await expect(member.getByRole('navigation', { name: 'Layout' }).getByRole('link', { name: 'Table' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(member.getByRole('table', { name: 'Revenue' })).toBeVisible();
  await member.goto('/customers?view=owned');
  await expect(member.getByText('Companies where you are the Company owner')).toBeVisible();
  await memberContext.close();

  // Someone outside the team keeps the main workspace.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await logIn(other, 'csm@example.com');
  await expect(other.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Services' })).toBeVisible();
  await otherContext.close();
});

test('name and description are edited in place in the list', async ({ page }) => {
  await openWorkspaces(page);
  const name = row(page, 'Mid-Market').getByLabel('Workspace name');
  await name.fill('Mid-Market accounts');
  await name.press('Tab');
  await expect(row(page, 'Mid-Market accounts')).toBeVisible();
  const description = row(page, 'Mid-Market accounts').getByLabel('Description');
  await description.fill('50 to 500 seats');
  // Reload only once the change is saved (it is sent when the field is left).
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/update_workspace_details'));
  await description.press('Tab');
  expect((await saved).ok()).toBe(true);
  await page.reload();
  await expect(row(page, 'Mid-Market accounts').getByLabel('Description')).toHaveValue('50 to 500 seats');
});

test('a taken team cannot be chosen again and a sixth workspace is refused', async ({ page }) => {
  await openWorkspaces(page);
  for (let n = 2; n <= 6; n++) {
    await page.getByRole('button', { name: 'Create workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create workspace' });
    if (n === 2) {
      await expect(dialog.getByRole('checkbox', { name: 'Mid-Market CS (taken by Mid-Market accounts)' })).toBeDisabled();
    }
    await dialog.getByLabel('Name').fill(`Team workspace ${n}`);
    await dialog.getByRole('button', { name: 'Create workspace' }).click();
    if (n < 6) {
      await expect(dialog).toHaveCount(0);
      await expect(row(page, `Team workspace ${n}`)).toBeVisible();
    } else {
      await expect(dialog.getByText('You can create up to 5 workspaces')).toBeVisible();
      // A refusal keeps what was typed.
      await expect(dialog.getByLabel('Name')).toHaveValue('Team workspace 6');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(row(page, 'Team workspace 6')).toHaveCount(0);
    }
  }
  await expect(page.getByText('5 of 5 team workspaces')).toBeVisible();
});

test('deleting needs the confirmation box, and the team goes back to the main workspace', async ({ page, browser }) => {
  await openWorkspaces(page);
  await row(page, 'Mid-Market accounts').getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Mid-Market accounts?' });
  const confirm = dialog.getByRole('button', { name: 'Delete' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'Mid-Market accounts')).toBeVisible();

  await row(page, 'Mid-Market accounts').getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'I understand that deleting this workspace cannot be undone' }).check();
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(row(page, 'Mid-Market accounts')).toHaveCount(0);
  await expect(page.getByText('4 of 5 team workspaces')).toBeVisible();

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await logIn(member, 'csm.midmarket@example.com');
  await expect(member.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Services' })).toBeVisible();
  await memberContext.close();
});

test('the Objects tab saves which objects play each role', async ({ page }) => {
  await logIn(page, 'manager@example.com');
  await page.goto('/settings/objects');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByLabel('Customers').locator('option:checked')).toHaveText('Companies');
  await expect(page.getByLabel('Services').locator('option:checked')).toHaveText('Services');
  const revenue = page.getByRole('group', { name: 'Revenue' });
  await expect(revenue.getByRole('checkbox', { name: 'Deals' })).toBeChecked();
  await expect(revenue.getByRole('checkbox', { name: 'Tickets' })).toBeChecked();

  await revenue.getByRole('checkbox', { name: 'Tickets' }).uncheck();
  await expect(page.getByText('You have unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await page.goto('/revenue');
  await expect(page.getByLabel('Pipeline').locator('option')).toHaveText(['Sales pipeline', 'Renewals pipeline']);

  await page.goto('/settings/objects');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByRole('group', { name: 'Revenue' }).getByRole('checkbox', { name: 'Tickets' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
});

test('users without the settings permission get no settings, and super admins read the audit log', async ({
  page,
  browser,
}) => {
  await logIn(page, 'csm@example.com');
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  for (const path of ['/settings/objects', '/settings/workspaces']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  }
  const refused = await page.request.post('/api/create_workspace', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...FROM_THE_APP },
    data: 'name=Sneaky&description=',
  });
  expect(refused.status()).toBe(403);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, 'admin@example.com');
  await admin.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Admin' }).click();
  await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log' }).click();
  const log = admin.getByRole('table', { name: 'Audit log' });
  await expect(log.getByRole('row', { name: /Maya Manager Workspace “Mid-Market accounts” · General Deleted/ })).toBeVisible();
  await expect(log.getByRole('row', { name: /Objects Revenue: “Deals, Tickets” → “Deals”/ })).toBeVisible();
  await expect(log.getByText('Show Services tab: “on” → “off”')).toBeVisible();
  await adminContext.close();
});
