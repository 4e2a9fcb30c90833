// The board benchmark: run by `cargo xtask bench-board` against a release server holding the
// board fixture (10,000 deals in the Sales pipeline, 1,000 in Renewals). Headless Chromium,
// the browser's own performance timings, medians of 5. Prints figures; asserts nothing.
import { chromium } from '@playwright/test';
import { logIn } from './log-in.mjs';

const base = process.env.BENCH_URL ?? 'http://127.0.0.1:3400';
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
const page = await context.newPage();
await logIn(page, base, 'manager@example.com');
await page.goto(`${base}/revenue?layout=board`);
const pipelineId = (label) =>
  page.getByLabel('Pipeline').locator('option', { hasText: label }).getAttribute('value');
const big = await pipelineId('Sales pipeline');
const small = await pipelineId('Renewals pipeline');

// 1. First cards painted after navigation: the paint that shows the first card (the server
// renders the cards into the page, so it is the first contentful paint once one is there).
async function firstCards(pipeline) {
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    await page.goto(`${base}/revenue?pipeline=${pipeline}&layout=board&view=all`);
    await page.waitForSelector('.board-card');
    times.push(
      await page.evaluate(() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return paint ? paint.startTime : NaN;
      }),
    );
  }
  return times;
}
const bigPaint = await firstCards(big);
const smallPaint = await firstCards(small);
console.log(`board first cards painted, 10,000 deals: median ${ms(median(bigPaint))} (${bigPaint.map(ms).join(', ')})`);
console.log(`board first cards painted,  1,000 deals: median ${ms(median(smallPaint))} (${smallPaint.map(ms).join(', ')})`);

// 2. A drag and drop: from pointer-up to the card drawn in its new column (settled), and to
// the server's answer (the card no longer busy).
await page.goto(`${base}/revenue?pipeline=${big}&layout=board&view=all`);
await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached' });
const settle = [];
const persist = [];
for (let i = 0; i < RUNS; i += 1) {
  const [from, to] = i % 2 === 0 ? [0, 1] : [1, 0];
  const source = page.locator(`[data-column-index="${from}"] .board-card`).first();
  const id = await source.getAttribute('data-card-id');
  const target = page.locator(`[data-column-index="${to}"]`);
  await page.evaluate(
    ({ id, to }) => {
      window.__drop = { up: 0, settled: 0, persisted: 0 };
      document.addEventListener(
        'pointerup',
        () => {
          window.__drop.up = performance.now();
          const watch = () => {
            const card = document.querySelector(`[data-column-index="${to}"] [data-card-id="${id}"]`);
            if (card && !window.__drop.settled) window.__drop.settled = performance.now();
            if (card && card.getAttribute('aria-busy') !== 'true' && window.__drop.settled) {
              window.__drop.persisted = performance.now();
              return;
            }
            requestAnimationFrame(watch);
          };
          watch();
        },
        { capture: true, once: true },
      );
    },
    { id, to },
  );
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  await page.mouse.move(a.x + 20, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + 40, a.y + 30, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 80, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction(() => window.__drop.persisted > 0);
  const drop = await page.evaluate(() => window.__drop);
  settle.push(drop.settled - drop.up);
  persist.push(drop.persisted - drop.up);
}
console.log(`drop settled after pointer-up: median ${ms(median(settle))} (${settle.map(ms).join(', ')})`);
console.log(`drop persisted after pointer-up: median ${ms(median(persist))} (${persist.map(ms).join(', ')})`);

// 3. Scrolling a 2,000-card column to its end: the longest frame while pages load.
await page.goto(`${base}/revenue?pipeline=${big}&layout=board&view=all`);
await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached' });
const scroll = await page.evaluate(async () => {
  const list = document.querySelector('[data-column-index="0"] .board-cards');
  const frames = [];
  let last = performance.now();
  let running = true;
  const tick = (now) => {
    frames.push(now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const started = performance.now();
  const more = () => document.querySelector('[data-column-index="0"] .board-more');
  while (more()) {
    list.scrollTop = list.scrollHeight;
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
  running = false;
  return {
    cards: list.querySelectorAll('.board-card').length,
    seconds: (performance.now() - started) / 1000,
    longest: Math.max(...frames.slice(1)),
    over50: frames.slice(1).filter((f) => f > 50).length,
    frames: frames.length,
  };
});
console.log(
  `scrolled a column to its end: ${scroll.cards} cards in ${scroll.seconds.toFixed(1)} s, ` +
    `${scroll.frames} frames, longest ${ms(scroll.longest)}, ${scroll.over50} over 50 ms`,
);
await browser.close();
