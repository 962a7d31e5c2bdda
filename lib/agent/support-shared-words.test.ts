import { describe, expect, it } from "vitest";
import { sharedWords } from "./support";

describe("sharedWords", () => {
  it("finds a shared word that full text misses because the passage lacks another of the question's words", () => {
    // Full text asks a passage for all the question's words ("parking" and "cost"); the owner asks which it holds.
    expect(sharedWords("How much does parking cost?", "Parking\nFree parking behind the building.")).toEqual({ asked: ["parking", "cost"], shared: ["parking"] });
  });

  it("matches whatever the case, accents, plural or verb form", () => {
    expect(sharedWords("Is the CAFÉ open on Sundays?", "Our cafe opens at 8 every Sunday.").shared).toEqual(["CAFÉ", "open", "Sundays"]);
    expect(sharedWords("do you take dogs", "Well-behaved dog owners are welcome.").shared).toEqual(["dogs"]);
  });

  it("reads hyphenated and run-together spellings as one word", () => {
    expect(sharedWords("whats the wifi password", "Wi-Fi: the password is on your key card.").shared).toEqual(["wifi", "password"]);
    expect(sharedWords("When is check-in?", "Checkin from 3 pm.").shared).toEqual(["check-in"]);
  });

  it("leaves out stop words and the verbs a question is wrapped in, and counts a word once", () => {
    expect(sharedWords("Can I bring my dog, my DOG?", "No pets.")).toEqual({ asked: ["dog"], shared: [] });
    expect(sharedWords("Where are you?", "Rua da Rosa 87").asked).toEqual([]);
  });
});
