import { z } from "zod";
import { ApiError } from "@/lib/http/errors";
import { passwordProblems, passwordSchema } from "./password-policy";

const email = z.email("enter a valid email").max(320, "at most 320 characters").transform((e) => e.toLowerCase());

export const signUpSchema = z.strictObject({
  email,
  password: passwordSchema,
  fullName: z.string().trim().min(1, "tell us your name").max(120, "at most 120 characters"),
});
export const signInSchema = z.strictObject({ email, password: z.string().min(1, "enter your password").max(128) });
export const forgotPasswordSchema = z.strictObject({ email });
export const resetPasswordSchema = z.strictObject({
  token: z.string().min(20).max(200).optional(),
  password: passwordSchema,
});

/** A weak password is its own error code, with the reasons, so the form can show them under the field. */
export function assertStrongPassword(password: string, emailAddress = "") {
  const problems = passwordProblems(password, emailAddress);
  if (problems.length > 0) {
    throw new ApiError(400, "weak_password", `Choose a stronger password: ${problems.join("; ")}`, [
      { field: "password", message: problems.join("; ") },
    ]);
  }
}
