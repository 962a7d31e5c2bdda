import { describe, expect, it } from "vitest";
import { passwordProblems } from "./password-policy";

describe("passwordProblems", () => {
  it("accepts a long mixed password", () => {
    expect(passwordProblems("Salon-Booking-42", "ada@adas-salon.test")).toEqual([]);
  });
  it("accepts a long passphrase without symbols", () => {
    expect(passwordProblems("correct horse battery staple")).toEqual([]);
  });
  it("says a short password is too short", () => {
    expect(passwordProblems("Ab1!x")).toContain("use at least 10 characters");
  });
  it("asks for variety in a medium-length single-class password", () => {
    expect(passwordProblems("abcdefghijkl").join(" ")).toMatch(/mix at least three/);
  });
  it("rejects common passwords whatever their case", () => {
    expect(passwordProblems("Password123")).toContain("this password is too common");
  });
  it("rejects a password built on the email name", () => {
    expect(passwordProblems("Bobsbikes-2026!", "bobsbikes@example.com")).toContain("do not include your email name");
  });
});
