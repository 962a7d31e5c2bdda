#!/usr/bin/env node
// Starts the app for browser tests: a fresh embedded database every run, then `npm start` (builds when needed).
import { rmSync } from "node:fs";
import path from "node:path";

rmSync(path.resolve(process.env.DATA_DIR ?? ".test-data/e2e"), { recursive: true, force: true });
await import("./start.mjs");
