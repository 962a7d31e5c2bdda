import { z } from "zod";

// The passwords that appear first in every breach list; a few hundred bytes that stop the worst choices.
const COMMON = new Set([
  "password", "password1", "password123", "123456789", "1234567890", "12345678", "qwertyuiop", "qwerty123",
  "iloveyou", "letmein123", "welcome123", "admin1234", "passw0rd", "abc123456", "football1", "sunshine1",
  "princess1", "11111111", "00000000", "trustno1", "superman1", "starwars1", "monkey123", "dragon123",
]);

export const PASSWORD_MIN_LENGTH = 10;

/** Why a password is too weak, in words a person can act on; empty when it is fine. */
export function passwordProblems(password: string, email = ""): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > 128) problems.push("use at most 128 characters");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 16 && classes < 3) {
    problems.push("mix at least three of: lowercase, uppercase, digits, symbols (or use 16+ characters)");
  }
  if (COMMON.has(password.toLowerCase())) problems.push("this password is too common");
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) problems.push("do not include your email name");
  if (/^(.)\1+$/.test(password)) problems.push("do not repeat one character");
  return problems;
}

export const passwordSchema = z.string().max(128, "use at most 128 characters");
