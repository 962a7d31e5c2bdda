import { describe, expect, it } from "vitest";
import { textSearchConfigFor } from "./language";

describe("textSearchConfigFor", () => {
  it("maps a locale to its language's stemmer, region ignored", () => {
    expect(textSearchConfigFor("pt-BR")).toBe("portuguese");
    expect(textSearchConfigFor("en")).toBe("english");
    expect(textSearchConfigFor("ES_mx")).toBe("spanish");
  });

  it("falls back to simple for languages Postgres cannot stem, and for nothing", () => {
    expect(textSearchConfigFor("ja")).toBe("simple");
    expect(textSearchConfigFor("")).toBe("simple");
    expect(textSearchConfigFor(undefined)).toBe("simple");
  });
});
