// The first-load benchmark: run by `cargo xtask bench-first-load` against the release binary
// alone with the demo data. A signed-in CSM opens the Customers tab, the Revenue tab (its
// board), the Summary, the Schedule and a record's page (all but the first are lazily loaded:
// their parts of the client come after the main module) in a fresh browser context (a cold cache) — on loopback, and on a link
// throttled to 20 Mbit/s with 20 ms latency — and the time from navigation to the page
// hydrated is taken; medians of 5. Once as browsers ask (brotli), once asking for no
// compression, which is how every file travelled before the server compressed. Also the bytes
// the client costs on the wire. Then logging in: the time from "Log in" to the Summary drawn.
// Prints figures; asserts nothing.
import { chromium } from '@playwright/test';
import { logIn } from './log-in.mjs';

const base = process.env.BENCH_URL ?? 'http://127.0.0.1:3401';
const encodings = [
  ['compressed', null],
  ['uncompressed', 'identity'],
];
const pages = [
  ['Customers tab', '/customers'],
  ['Revenue board', '/revenue'],
  ['Summary', '/summary'],
  ['Schedule', '/schedule'],
  ['Record page', '/records/1'],
];
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
const links = [
  ['loopback', null],
  ['20 Mbit/s, 20 ms', { offline: false, latency: 20, downloadThroughput: 2_500_000, uploadThroughput: 2_500_000 }],
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

async function session(base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, base, 'csm@example.com');
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

const cookies = await session(base);
for (const [pageName, path] of pages) {
for (const [label, acceptEncoding] of encodings) {
  for (const [link, conditions] of links) {
    const times = [];
    let wire = 0;
    let files = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
      if (acceptEncoding) {
        await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
      }
      const clientBytes = new Map();
      cdp.on('Network.responseReceived', ({ requestId, response }) => {
        if (/\/pkg\//.test(response.url)) clientBytes.set(requestId, 0);
      });
      cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
        if (clientBytes.has(requestId)) clientBytes.set(requestId, encodedDataLength);
      });
      const started = Date.now();
      await page.goto(`${base}${path}`);
      await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached', timeout: 120_000 });
      times.push(Date.now() - started);
      // What the page needed to hydrate: the files whose download had finished by then (a list
      // tab goes on to fetch its parts a second later).
      const needed = [...clientBytes.values()].filter((bytes) => bytes > 0);
      wire = needed.reduce((a, b) => a + b, 0);
      files = needed.length;
      await context.close();
    }
    console.log(
      `${label}, ${link}: ${pageName} hydrated after median ${ms(median(times))} ` +
        `(${times.map(ms).join(', ')}); client on the wire ${(wire / 1024).toFixed(0)} KB in ${files} files`,
    );
  }
}
}

// Logging in lands on the Summary, whose code the login page fetches once the browser is idle:
// the time from the click on "Log in" to the Summary drawn, for a user who takes 3 s to type
// and one who logs in the moment the page is ready (before that fetch).
for (const [link, conditions] of links) {
  for (const [label, typing] of [['logging in at once', 0], ['after typing for 3 s', 3000]]) {
    const times = [];
    let fetchedAfterClick = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
      await page.goto(`${base}/login`);
      await page.waitForSelector('body[data-hydrated="true"]', { state: 'attached' });
      await page.getByLabel('Email').fill('csm@example.com');
      await page.getByLabel('Password').fill('demo-password');
      await page.waitForTimeout(typing);
      let fetched = 0;
      page.on('request', (request) => {
        if (/\.(split|chunk)_[^/]*\.wasm$/.test(request.url())) fetched += 1;
      });
      const started = Date.now();
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('#tab-heading').waitFor();
      times.push(Date.now() - started);
      fetchedAfterClick = fetched;
      await context.close();
    }
    console.log(
      `${link}, ${label}: Summary drawn after median ${ms(median(times))} ` +
        `(${times.map(ms).join(', ')}); lazily loaded files fetched after the click: ${fetchedAfterClick}`,
    );
  }
}
await browser.close();
