import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: { "@/": root },
  },
  test: {
    environment: "node",
    // Component tests are .test.tsx: without them here a component test would be silently skipped. They render with
    // react-dom/server (no DOM library is installed), so the node environment suits them too.
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["**/node_modules/**", "**/.next/**", "e2e/**", ".data/**", ".test-data/**"],
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      AUTH_JWT_SECRET: "test-only-secret-for-vitest-0123456789-abcdefghij",
      DATA_DIR: ".test-data",
    },
    // Database test files boot a migrated PGlite once (about 4 s, longer when both cores are busy) in a hook.
    hookTimeout: 60_000,
    testTimeout: 20_000,
    teardownTimeout: 10_000,
    // Each fork holds its own in-process Postgres; two cores, two workers.
    pool: "forks",
    maxWorkers: 2,
  },
});
