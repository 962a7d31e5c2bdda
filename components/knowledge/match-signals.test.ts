import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { matchLevel, noneSharesAWord, type PlaygroundPassage } from "./match-signals";
import { SearchResultCard } from "./search-result-card";

const passage = (words: PlaygroundPassage["words"], ranks: Partial<PlaygroundPassage["ranks"]> = {}): PlaygroundPassage => ({
  chunkId: "c1",
  documentId: "d1",
  title: "Policies",
  category: "policies",
  headingPath: ["Parking"],
  content: "Free parking behind the building.",
  chunkIndex: 0,
  // What the search gives a passage ranked first by meaning and by nothing else, for any question.
  score: 1 / 11,
  ranks: { fullText: null, vector: 1, trigram: null, ...ranks },
  words,
});

describe("matchLevel", () => {
  it("calls a passage strong, partial or weak by the question's words it holds, not by its fused score", () => {
    expect(matchLevel(passage({ asked: ["parking"], shared: ["parking"] }))).toMatchObject({ level: "strong" });
    expect(matchLevel(passage({ asked: ["parking", "cost", "overnight"], shared: ["parking", "overnight"] }))).toMatchObject({ level: "strong" });
    expect(matchLevel(passage({ asked: ["parking", "cost"], shared: ["parking"] }))).toMatchObject({
      level: "partial",
      reason: "Holds 1 of your question's 2 words.",
    });
    expect(matchLevel(passage({ asked: ["sauna"], shared: [] }))).toMatchObject({ level: "weak" });
  });

  it("counts a corrected typo as a partial match, and a question with no words of its own as found by meaning", () => {
    expect(matchLevel(passage({ asked: ["parkng"], shared: [] }, { trigram: 1 })).level).toBe("partial");
    expect(matchLevel(passage({ asked: [], shared: [] })).reason).toMatch(/by meaning alone/);
  });
});

describe("noneSharesAWord", () => {
  it("does not warn when a passage shares a word that full text did not match (it asks for all of them)", () => {
    // Full text and the typo list found nothing here, which is what the old warning read as "no shared word".
    expect(noneSharesAWord([passage({ asked: ["parking", "cost"], shared: ["parking"] })])).toBe(false);
  });

  it("warns when no passage holds any of the question's words", () => {
    expect(noneSharesAWord([passage({ asked: ["sauna"], shared: [] }), passage({ asked: ["sauna"], shared: [] })])).toBe(true);
    expect(noneSharesAWord([passage({ asked: [], shared: [] })])).toBe(false);
    expect(noneSharesAWord([])).toBe(false);
  });
});

describe("SearchResultCard", () => {
  const render = (p: PlaygroundPassage, citedAs?: number) =>
    renderToStaticMarkup(createElement(SearchResultCard, { result: p, position: 1, businessId: "b1", citedAs }));

  it("shows no percentage: a level, the words held and missing, and the searches that found it", () => {
    const html = render(passage({ asked: ["parking", "cost"], shared: ["parking"] }), 2);
    expect(html).not.toMatch(/\d+%/);
    expect(html).toContain("Partial match");
    expect(html).toContain("parking<span class=\"sr-only\"> (in this passage)</span>");
    expect(html).toContain("cost<span class=\"sr-only\"> (not in this passage)</span>");
    expect(html).toContain("Meaning <span class=\"tabular-nums\">#1</span>");
    expect(html).toContain("Quoted in the reply as [2]");
  });
});
