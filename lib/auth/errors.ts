import { ApiError } from "@/lib/http/errors";

export const invalidCredentials = () => new ApiError(401, "invalid_credentials", "Email or password is incorrect");
export const emailTaken = () => new ApiError(409, "email_taken", "An account with this email already exists");
export const invalidResetToken = () =>
  new ApiError(400, "invalid_token", "This reset link is invalid or has expired; ask for a new one");
export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    "rate_limited",
    `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds > 60 ? "s" : ""}.`,
    undefined,
    { "Retry-After": String(Math.ceil(retryAfterSeconds)) },
  );
