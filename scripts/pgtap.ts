/**
 * Runs the pgTAP files in supabase/tests against the embedded database, the way `supabase test db` runs them on a
 * real stack: bootstrap + migrations (no seed), then each file, in name order, on its own fresh clone.
 *
 *   npm run test:db                                   # every file
 *   npx tsx scripts/pgtap.ts supabase/tests/02_x.sql  # only these
 *
 * Prints the TAP, a summary per file and, last, `N passed, N failed, N skipped` (assertions). Exits non-zero on a failed
 * assertion, a plan that does not match the tests run, out-of-sequence test numbers, or an SQL error in a file.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PGlite, Results } from "@electric-sql/pglite";
import { openEmbeddedDatabase } from "../lib/db/embedded/pglite";
import { migrate } from "../lib/db/migrate";
import { pgliteRunner } from "../lib/db/runners";

const testsDir = path.join(process.cwd(), "supabase/tests");

type FileOutcome = {
  file: string;
  passed: number;
  failed: number;
  /** `ok n # SKIP`: counted apart, so a skipped assertion is never reported as a pass. */
  skipped: number;
  problems: string[];
  ms: number;
};

/** pgTAP functions return rows of text; keep the values that are TAP (tests, plans, diagnostics), line by line. */
function tapLines(results: Results[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      if (row === null || typeof row !== "object") continue;
      for (const value of Object.values(row)) {
        if (typeof value !== "string") continue;
        for (const line of value.split("\n")) {
          if (/^(not )?ok\b|^1\.\.\d+|^\s*#|^Bail out!/.test(line)) lines.push(line);
        }
      }
    }
  }
  return lines;
}

function describeSqlError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; position?: string; where?: string; detail?: string; hint?: string };
  const parts = [`${e.code ?? "error"}: ${e.message}`];
  const position = Number(e.position);
  if (Number.isInteger(position) && position > 0) {
    const line = sql.slice(0, position - 1).split("\n").length;
    parts.push(`at line ${line}: ${sql.split("\n")[line - 1]?.trim() ?? ""}`);
  }
  if (e.detail) parts.push(`detail: ${e.detail}`);
  if (e.hint) parts.push(`hint: ${e.hint}`);
  if (e.where) parts.push(`where: ${e.where.replace(/\n/g, " <- ")}`);
  return parts.join("\n#   ");
}

/** Checks the TAP of one file as a harness (pg_prove) would. */
function judge(lines: string[]): Omit<FileOutcome, "file" | "ms"> {
  const problems: string[] = [];
  let planned: number | undefined;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let expectedNumber = 1;
  for (const line of lines) {
    const plan = /^1\.\.(\d+)/.exec(line);
    if (plan) {
      if (planned !== undefined) problems.push("more than one plan");
      planned = Number(plan[1]);
      continue;
    }
    if (line.startsWith("Bail out!")) problems.push(line);
    const test = /^(not )?ok (\d+)\b(.*)$/.exec(line);
    if (!test) continue;
    const number = Number(test[2]);
    if (number !== expectedNumber) problems.push(`test ${number} is out of sequence (expected ${expectedNumber})`);
    expectedNumber = number + 1;
    const todo = /#\s*TODO\b/i.test(test[3] ?? "");
    if (test[1] && !todo) failed++;
    else if (/#\s*SKIP\b/i.test(test[3] ?? "")) skipped++;
    else passed++;
  }
  const ran = passed + failed + skipped;
  if (planned === undefined) problems.push("no plan: call plan(n) or no_plan() ... finish()");
  else if (planned !== ran) problems.push(`planned ${planned} tests but ran ${ran}`);
  if (ran === 0) problems.push("no tests ran");
  // A broken file counts as at least one failed assertion (as many as were planned and never ran).
  if (problems.length > 0) failed += Math.max(1, (planned ?? 0) - ran);
  return { passed, failed, skipped, problems };
}

async function runFile(golden: PGlite, file: string): Promise<FileOutcome> {
  const started = Date.now();
  const sql = readFileSync(file, "utf8");
  const name = path.relative(process.cwd(), file);
  console.log(`# ${name}`);
  const pg = await golden.clone();
  try {
    const results = await pg.exec(sql);
    const lines = tapLines(results);
    for (const line of lines) console.log(line);
    const outcome = judge(lines);
    for (const problem of outcome.problems) console.log(`# PROBLEM: ${problem}`);
    return { file: name, ...outcome, ms: Date.now() - started };
  } catch (error) {
    // PGlite's exec returns nothing when a statement fails, so only the error itself can be shown.
    const problem = `SQL error, the file stopped: ${describeSqlError(error, sql)}`;
    console.log(`# PROBLEM: ${problem}`);
    return { file: name, passed: 0, failed: 1, skipped: 0, problems: [problem], ms: Date.now() - started };
  } finally {
    await pg.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const files = (
    args.length > 0 ? args.map((a) => path.resolve(a)) : readdirSync(testsDir).filter((f) => f.endsWith(".sql")).map((f) => path.join(testsDir, f))
  ).sort();
  if (files.length === 0) {
    console.log(`# no .sql files in ${path.relative(process.cwd(), testsDir)}`);
    console.log("0 passed, 1 failed, 0 skipped");
    process.exitCode = 1;
    return;
  }

  const started = Date.now();
  const golden = await openEmbeddedDatabase({ withPgTap: true });
  const { applied } = await migrate(pgliteRunner(golden));
  console.log(`# embedded database ready: ${applied.length} migrations applied in ${Date.now() - started} ms`);

  const outcomes: FileOutcome[] = [];
  try {
    for (const file of files) outcomes.push(await runFile(golden, file));
  } finally {
    await golden.close();
  }

  console.log("#");
  console.log("# Summary");
  for (const o of outcomes) {
    // Worded unlike the closing line, which scripts/test.mjs looks for.
    const status = o.failed === 0 ? "ok" : "FAILED";
    const skips = o.skipped > 0 ? `, ${o.skipped} skipped` : "";
    const counts = o.failed === 0 ? `all ${o.passed} assertions passed${skips}` : `${o.failed} of ${o.passed + o.failed + o.skipped} assertions failed${skips}`;
    console.log(`#   ${status.padEnd(6)} ${o.file}: ${counts} (${o.ms} ms)`);
    for (const problem of o.problems) console.log(`#          ${problem.split("\n")[0]}`);
  }
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed, 0);
  const skipped = outcomes.reduce((n, o) => n + o.skipped, 0);
  console.log(`# ${outcomes.length} files in ${Date.now() - started} ms`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("0 passed, 1 failed, 0 skipped");
  process.exitCode = 1;
});
