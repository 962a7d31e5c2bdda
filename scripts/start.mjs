#!/usr/bin/env node
// `npm start`: builds the app when there is no build or the sources changed since, then serves it on $PORT (3000).
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";

ensureBuild();

const port = process.env.PORT || "3000";
// The embedded mode is a single-user, zero-setup stack whose local mailbox shows password-reset links: it listens on
// this machine only unless HOST says otherwise. Hosted deployments listen everywhere.
const hosted = Boolean(process.env.DATABASE_URL && process.env.NEXT_PUBLIC_SUPABASE_URL) || process.env.FRONTDESK_MODE === "hosted";
const host = process.env.HOST || (hosted ? "0.0.0.0" : "127.0.0.1");
const server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", port, "-H", host], {
  stdio: "inherit",
  // No network here, and nothing of an owner's should leave the machine unasked: Next's telemetry stays off.
  // HOST tells the app where it listens: the local mailbox is served only on a loopback address (lib/email/local-mailbox).
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, NODE_ENV: "production", PORT: port, HOST: host },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
