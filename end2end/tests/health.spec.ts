import { expect, test, type Locator, type Page } from '@playwright/test';

import { logIn, setProperty } from './helpers';

/** At risk below 40, Neutral below 70, Healthy from 70 (the default thresholds). */
function categoryOf(score: number): string {
  return score >= 70 ? 'Healthy' : score >= 40 ? 'Neutral' : 'At risk';
}

const card = (page: Page, name: string) => page.getByRole('region', { name });

async function scoreOf(health: Locator): Promise<number> {
  const text = await health.locator('.health-score').innerText();
  return Number(text);
}

test('a score built from the predefined groups, fixed to 100, turned on and explained', async ({ page }) => {
  // Many page loads of the debug bundle, and four edits each waiting for the re-score.
  test.setTimeout(150_000);
  await logIn(page, 'manager@example.com');
  await page.goto('/settings/health-scores');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByRole('button', { name: 'Create health score' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create health score' });
  // A name is required.
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter a name for the health score');
  await dialog.getByLabel('Name').fill('Renewal risk');
  await dialog.getByLabel('From predefined groups').check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/settings\/health-scores\/\d+$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

  const engagement = page.getByRole('region', { name: /Group 1: 1:1 Engagement/ });
  const sum = page.locator('#health-sum');
  await expect(sum).toHaveText('Total max points: 100 of 100');
  await engagement.getByLabel('Max points').fill('20');
  await expect(sum).toContainText('Total max points: 95 of 100');
  await expect(sum).toContainText('add 5 to turn the score on');

  // Bad input is refused at its field; at 95 the score does not turn on.
  const firstCriterion = engagement.getByRole('group', { name: 'Criterion 1' });
  await firstCriterion.getByLabel('Points').fill('');
  await expect(firstCriterion.getByRole('alert')).toHaveText('Enter -100 to 100 points, not 0');
  await firstCriterion.getByLabel('Points').fill('15');
  await page.getByRole('button', { name: 'Turn on', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'add up to 95' })).toBeVisible();
  await expect(page.getByText('Not saved: fix the fields marked below')).toBeVisible();

  await engagement.getByLabel('Max points').fill('25');
  await expect(sum).toHaveText('Total max points: 100 of 100');
  await page.getByRole('button', { name: 'Turn on', exact: true }).click();
  await expect(page.getByText('Turned on: every record is being scored')).toBeVisible();
  await page.getByRole('link', { name: '← All health scores' }).click();
  const row = page.getByRole('row', { name: /Renewal risk/ });
  await expect(row.getByText('Live')).toBeVisible();

  // A customer's card says why it scored what it did.
  await page.goto('/customers?view=all&page=3');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const link = page.getByRole('table', { name: 'Customers' }).locator('tbody th[scope="row"] a').nth(7);
  const href = await link.getAttribute('href');
  const recordId = /record=(\d+)/.exec(href ?? '')?.[1];
  expect(recordId).toBeTruthy();
  await page.goto(`/records/${recordId}`);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const health = card(page, 'Renewal risk');
  // Scored in the background within a second or two of turning on.
  await expect(async () => {
    await page.reload();
    await expect(health.locator('.health-score')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(health.getByText('Why this score')).toBeVisible();
  await expect(health.getByRole('list', { name: 'Criteria of NPS' })).toBeVisible();
  await expect(health.getByText('No open high-priority ticket')).toBeVisible();

  // Worst NPS and sentiment, then best: the score moves by 20 + 15 and the category follows.
  await setProperty(page, 'NPS score', '0', '0');
  await setProperty(page, 'CSM sentiment', 'negative', 'Negative');
  const nps = health.locator('.health-group').filter({ hasText: 'NPS' }).last();
  await expect(nps.locator('.health-group-points')).toHaveText('0 / 20');
  const low = await scoreOf(health);
  await expect(health.locator('.health-headline .health-badge')).toHaveText(new RegExp(categoryOf(low)));

  await setProperty(page, 'NPS score', '10', '10');
  await setProperty(page, 'CSM sentiment', 'positive', 'Positive');
  await expect(nps.locator('.health-group-points')).toHaveText('20 / 20');
  await expect(health.locator('.health-score')).toHaveText(String(low + 35));
  await expect(health.locator('.health-headline .health-badge')).toHaveText(new RegExp(categoryOf(low + 35)));
  const held = nps.locator('.criterion.earned');
  await expect(held).toContainText('NPS score is at least 9');
  // The change is in the card's recent changes.
  await expect(health.locator('.score-changes li').first()).toContainText(String(low + 35));
});

test('only managers see health score settings', async ({ page }) => {
  await logIn(page, 'csm@example.com');
  await page.goto('/settings/health-scores');
  await expect(page.getByRole('button', { name: 'Create health score' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText(
    "You don't have permission to manage Customer Success settings",
  );
});
