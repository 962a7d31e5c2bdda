import { describe, expect, it } from "vitest";
import { composeAnswer, quickRepliesFor, type Passage } from "./answer";

const prices: Passage = {
  n: 1,
  title: "Services and prices",
  heading: "Cuts",
  text: "- Women's cut and finish: €48\n- Men's cut: €28\n- Children's cut (under 12): €18",
};
const parking: Passage = {
  n: 2,
  title: "Visiting us",
  heading: "Parking",
  text: "Free parking behind the building. The entrance is on Rua Augusta. We are two minutes from the metro.",
};
const faq: Passage = {
  n: 3,
  title: "FAQ",
  heading: "Questions",
  text: "Q: Do you take walk-ins?\nA: Yes, when a stylist is free; booking ahead is safer on Saturdays.\nQ: Can I pay by card?\nA: We take all major cards and MB Way.",
};

describe("composeAnswer", () => {
  it("quotes the matching line with its citation, not the whole passage", () => {
    const answer = composeAnswer("How much is a women's cut?", [prices, parking]);
    expect(answer).toEqual({ text: "Women's cut and finish: €48. [1]", cited: [1] });
  });

  it("answers from the FAQ answer whose question matches", () => {
    const answer = composeAnswer("Can I pay by card?", [faq]);
    expect(answer?.text).toBe("We take all major cards and MB Way. [3]");
    expect(answer?.cited).toEqual([3]);
  });

  it("lends a section's heading to a short section's lines", () => {
    const answer = composeAnswer("Is there parking?", [parking]);
    expect(answer?.text).toContain("Free parking behind the building. [2]");
    expect(answer?.cited).toEqual([2]);
  });

  it("returns null when no sentence is relevant, so the caller hands off instead of guessing", () => {
    expect(composeAnswer("Do you sell gift vouchers for massages?", [prices, parking])).toBeNull();
    expect(composeAnswer("How much is a women's cut?", [])).toBeNull();
  });

  it("keeps at most three units, in the passages' order, without repeating a sentence", () => {
    const repeated: Passage = { ...prices, n: 4 };
    const answer = composeAnswer("cut prices: women's cut, men's cut, children's cut", [prices, repeated]);
    expect(answer).not.toBeNull();
    const units = answer!.text.split(/(?<=\])\s/);
    expect(units.length).toBeLessThanOrEqual(3);
    expect(new Set(units.map((u) => u.replace(/ \[\d+\]$/, ""))).size).toBe(units.length);
    expect(answer!.text.indexOf("Women's")).toBeLessThan(answer!.text.indexOf("Men's"));
  });
});

describe("quickRepliesFor", () => {
  it("offers booking and a person after an informational answer, a person while booking, nothing otherwise", () => {
    expect(quickRepliesFor("price")).toEqual(["Book an appointment", "Talk to a person"]);
    expect(quickRepliesFor("booking")).toEqual(["Talk to a person"]);
    expect(quickRepliesFor("human_request")).toEqual([]);
  });
});
