import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `cargo xtask test` builds the server (with the site embedded in it) and sets SERVER_BIN.
const builtServer = process.env.SERVER_BIN ?? path.resolve(__dirname, '../target/debug/server');
const port = Number(process.env.E2E_PORT ?? 3210);
// A fresh folder per run holding only a copy of the binary and, once it starts, the SQLite
// database with the demo data: the suite proves the one binary serves everything by itself.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-workspace-e2e-'));
const serverBin = path.join(dataDir, 'server');
// The config is read again in each worker; only the main process starts the server.
// A hard link where it can be (the debug binary is hundreds of MB), else a copy.
if (process.env.TEST_WORKER_INDEX === undefined) {
  try {
    fs.linkSync(builtServer, serverBin);
  } catch {
    fs.copyFileSync(builtServer, serverBin);
  }
}

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One server and one database on a two-core machine: two workers keep it busy.
  workers: 2,
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
  // The live updates' two-person tests move deals and change settings too, after everything.
  projects: [
    { name: 'chromium', testIgnore: /(merge|board|profile|health|live)\.spec\.ts/ },
    { name: 'after-all', testMatch: /(merge|board|profile|health)\.spec\.ts/, dependencies: ['chromium'] },
    { name: 'live', testMatch: /live\.spec\.ts/, dependencies: ['after-all'] },
  ],
  webServer: {
    command: `"${serverBin}" --addr 127.0.0.1:${port} --database-url "sqlite://e2e.db" --demo`,
    cwd: dataDir,
    url: `http://127.0.0.1:${port}/customers`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
