import { describe, expect, it } from "vitest";
import { safeNextPath, withNext } from "./safe-next";

// After embedded sign-in or sign-up the form sends the browser to `next`: only a path on this site may come back.
describe("safeNextPath", () => {
  it.each([
    ["/invite/abc?x=1", "/invite/abc?x=1"],
    ["/b/1/inbox?tab=open#top", "/b/1/inbox?tab=open#top"],
    ["/", "/"],
    ["/b/1/inbox?q=a%2Fb", "/b/1/inbox?q=a%2Fb"],
    [["/b/1", "//evil.com"], "/b/1"],
  ])("keeps the same-site path %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "//evil.com/path",
    "/\\evil.com",
    "\\\\evil.com",
    "/\\/evil.com",
    "https://evil.com",
    "http:evil.com",
    "javascript:alert(1)",
    "evil.com",
    "b/relative",
    "/\t/evil.com",
    "/\n/evil.com",
    " //evil.com",
    "%2F%2Fevil.com",
    "/%2F%2Fevil.com",
    "/%2f/evil.com",
    "/%5Cevil.com",
    "/%5C%5Cevil.com",
    "/%252F%252Fevil.com",
    "/%09/evil.com",
    "",
    null,
    undefined,
  ])("refuses %j", (value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});

describe("withNext", () => {
  it("carries the return path encoded, and nothing when there is none", () => {
    expect(withNext("/sign-in", "/invite/a b?x=1&y=2")).toBe("/sign-in?next=%2Finvite%2Fa%20b%3Fx%3D1%26y%3D2");
    expect(withNext("/sign-in", null)).toBe("/sign-in");
  });
});
