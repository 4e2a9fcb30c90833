import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `cargo xtask test` builds the server and the site, then sets these.
const serverBin = process.env.SERVER_BIN ?? path.resolve(__dirname, '../target/debug/server');
const siteRoot = process.env.SITE_ROOT ?? path.resolve(__dirname, '../target/site');
const port = Number(process.env.E2E_PORT ?? 3210);
// A fresh SQLite database with the demo data for every run.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-workspace-e2e-'));

export default defineConfig({
  testDir: './tests',
  // The debug bundle `cargo xtask test` builds is ~40 MB of WASM: a page load compiles and
  // hydrates it in seconds on two cores, so tests run one at a time with room to spare.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      // Playwright cannot download its browser here; Debian's Chromium is used instead.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  // One server and database for all: specs that change what others count run last.
  projects: [
    { name: 'chromium', testIgnore: /(merge|board|profile|health)\.spec\.ts/ },
    { name: 'after-all', testMatch: /(merge|board|profile|health)\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: {
    command:
      `"${serverBin}" --addr 127.0.0.1:${port} --database-url "sqlite://${dataDir}/e2e.db" ` +
      `--demo --site-root "${siteRoot}"`,
    url: `http://127.0.0.1:${port}/customers`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
