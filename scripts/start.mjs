#!/usr/bin/env node
// `npm start`: builds the app when there is no build or the sources changed since, then serves it on $PORT (3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const buildId = path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (built === 0 || changed > built) {
  console.log(built === 0 ? "No build yet: building the app (about a minute)..." : "Sources changed since the last build: rebuilding...");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT || "3000";
// The embedded mode is a single-user, zero-setup stack whose local mailbox shows password-reset links: it listens on
// this machine only unless HOST says otherwise. Hosted deployments set HOST=0.0.0.0.
const hosted = Boolean(process.env.DATABASE_URL && process.env.NEXT_PUBLIC_SUPABASE_URL) || process.env.FRONTDESK_MODE === "hosted";
const host = process.env.HOST || (hosted ? "0.0.0.0" : "127.0.0.1");
const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port, "-H", host], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
