import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests drive Debian's Chromium (no browser download here) against the built app, started on its own port
 * with a fresh embedded database. `.ci/run` installs chromium; locally: `apt-get install -y chromium`.
 */
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
}

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // TRUSTED_PROXY_HOPS=1: the tests' API clients play the proxy, each person's X-Forwarded-For naming their own address
    // (e2e/support.ts), so per-address auth limits keep people apart as they would behind a real proxy.
    env: {
      PORT: String(E2E_PORT),
      DATA_DIR: ".test-data/e2e",
      AUTH_JWT_SECRET: "e2e-only-secret-0123456789-abcdefghijklmnop",
      LOG_LEVEL: "warn",
      URL_IMPORT_ALLOW_CIDRS: "127.0.0.1/32",
      TRUSTED_PROXY_HOPS: "1",
    },
  },
});
