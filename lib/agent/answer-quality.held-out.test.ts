import { describe, expect, it } from "vitest";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { bikeShop } from "./answer-eval/held-out";
import { describeFigures, runAnswerSet } from "./answer-eval/run";

const test = freshDatabasePerTest();

/** The held-out set: never tuned against, reported apart from the dev sets (answer-eval/held-out.ts). */
describe("answer quality on the held-out set (offline model, real pipeline)", () => {
  it(`${bikeShop.name}: answers contain the fact, cited; nothing invented`, { timeout: 120_000 }, async () => {
    const figures = await runAnswerSet(test.database, bikeShop);
    console.info(describeFigures(figures));
    expect(figures.invented).toBe(0);
  });
});
