import { describe, expect, it } from "vitest";
import { chunkDocument } from "./chunking";
import { faqFromText, faqToText } from "./faq";

describe("FAQ text", () => {
  const entries = [
    { question: "Do you take walk-ins?", answer: "Yes, when a chair is free.\n\nCall ahead on Saturdays." },
    { question: "Can I pay by card?", answer: "Visa, Mastercard and Amex." },
  ];

  it("round-trips pairs, multi-paragraph answers included", () => {
    expect(faqFromText(faqToText(entries))).toEqual(entries);
  });

  it("keeps a question on one line so an answer line cannot be mistaken for a new question", () => {
    const text = faqToText([{ question: "Parking\nnearby?", answer: "Q: is not a question here" }]);
    expect(text.split("\n")[0]).toBe("Q: Parking nearby?");
  });

  it("is what the chunker splits one pair a chunk, each headed by its question", () => {
    const chunks = chunkDocument({ title: "FAQ", kind: "faq", text: faqToText(entries) });
    expect(chunks).toHaveLength(2);
    expect(chunks[1]?.headingPath.at(-1)).toBe("Can I pay by card?");
    expect(chunks[1]?.text).toContain("Visa, Mastercard and Amex.");
  });
});
