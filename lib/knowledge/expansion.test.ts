import { describe, expect, it } from "vitest";
import { alternativesFor, joinBrandNames } from "./expansion";

const words = (word: string) => alternativesFor(word).map((a) => a.words.join(" "));

describe("alternativesFor", () => {
  it("finds everyday synonyms in WordNet, weighted below the word itself", () => {
    expect(words("stroller")).toContain("pushchair");
    expect(words("crib")).toContain("cot");
    expect(words("kid")).toContain("child");
    expect(words("strollers")).toContain("pushchair");
    for (const a of alternativesFor("stroller")) expect(a.weight).toBeLessThan(1);
  });

  it("reads a word in its other forms from WordNet's derivations, and a comparative as its adjective", () => {
    expect(words("pay")).toContain("payment");
    expect(words("arrive")).toContain("arrival");
  });

  it("reads customers' abbreviations and brand names as the words an owner writes", () => {
    expect(words("pw")).toContain("password");
    expect(words("pw")).toContain("access code");
    expect(words("mastercard")).toContain("card");
    expect(words("amex")).toContain("card");
    expect(joinBrandNames("do you take american express or apple pay")).toBe("do you take amex or applepay");
  });

  it("stays bounded and leaves out names", () => {
    for (const w of ["free", "close", "run", "set", "kid"]) expect(alternativesFor(w).length).toBeLessThanOrEqual(24);
    expect(words("kid").some((w) => w.includes("kyd"))).toBe(false);
  });
});
