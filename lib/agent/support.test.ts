import { describe, expect, it } from "vitest";
import { coverage } from "./support";

describe("coverage with the question's words expanded", () => {
  it("counts a synonym, an abbreviation or a brand for less than the customer's own word", () => {
    const synonym = coverage("where can I leave the stroller?", "A pushchair can be stored in the hall.");
    const own = coverage("where can I leave the stroller?", "A stroller can be stored in the hall.");
    expect(synonym).toBeGreaterThan(0);
    expect(synonym).toBeLessThan(own);
    expect(coverage("do you take mastercard", "We take all major cards.")).toBeGreaterThanOrEqual(0.5);
    expect(coverage("what's the wifi pw?", "The internet access code is on the card in your room.")).toBeGreaterThanOrEqual(0.5);
  });

  it("does not ask a passage to repeat the customer's numbers or the wrapper words of a question", () => {
    expect(coverage("what happens if I'm running 20 mins late", "If you are more than 15 minutes late we may shorten the treatment.")).toBeGreaterThanOrEqual(0.5);
    expect(coverage("what's your cancellation policy?", "Free cancellation up to 7 days before arrival.")).toBe(1);
  });
});
