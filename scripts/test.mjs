#!/usr/bin/env node
// `npm test`: every test tier in order: lint, types, Vitest (units and database), pgTAP (RLS), Playwright (browser).
// Prints each tier's own output, then one closing line with the total of test cases: passed, failed and skipped (a
// skipped test is neither, and must not vanish from the count).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const results = path.resolve(".test-results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const bin = (name) => path.resolve("node_modules/.bin", name);

const steps = [
  { name: "lint", cmd: bin("eslint"), args: [".", "--max-warnings=0"] },
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] },
  { name: "vitest", cmd: bin("vitest"), args: ["run", "--reporter=default", "--reporter=json", `--outputFile=${results}/vitest.json`] },
  { name: "pgtap", cmd: bin("tsx"), args: ["scripts/pgtap.ts"], capture: true },
  { name: "playwright", cmd: bin("playwright"), args: ["test", "--reporter=list,json"], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json` } },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const run = spawnSync(step.cmd, step.args, {
    stdio: step.capture ? ["inherit", "pipe", "inherit"] : "inherit",
    env: { ...process.env, ...step.env },
    encoding: "utf8",
  });
  if (step.capture) {
    process.stdout.write(run.stdout ?? "");
    const m = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/.exec(run.stdout ?? "");
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
      skipped += Number(m[3] ?? 0);
    }
  }
  if (run.status !== 0) failedSteps.push(step.name);
}

const json = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const vitest = json(`${results}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // Vitest counts skipped tests as pending; todos apart.
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
const pw = json(`${results}/playwright.json`);
if (pw?.stats) {
  passed += pw.stats.expected + (pw.stats.flaky ?? 0);
  failed += pw.stats.unexpected;
  skipped += pw.stats.skipped ?? 0;
}

console.log(failedSteps.length ? `\nFailed: ${failedSteps.join(", ")}` : "\nEvery tier passed.");
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
