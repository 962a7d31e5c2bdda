import { z } from "zod";

/** Stable error codes clients can act on; the message is for people. */
export type ErrorCode =
  | "invalid_json"
  | "validation_failed"
  | "payload_too_large"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "email_taken"
  | "weak_password"
  | "invalid_credentials"
  | "rate_limited"
  | "invalid_token"
  | "invitation_not_found"
  | "invitation_expired"
  | "invitation_used"
  | "invitation_revoked"
  | "invitation_other_email"
  | "already_member"
  | "last_owner"
  | "unavailable"
  // The HTTP trust boundary: a Host that is not this server's (DNS rebinding), a state change from another site (CSRF).
  | "host_not_allowed"
  | "cross_origin_request"
  | "internal"
  // Knowledge base: duplicates, unreadable uploads and web pages that cannot be imported.
  | "duplicate"
  | "unsupported_type"
  | "file_too_large"
  | "empty_file"
  | "unreadable_file"
  | "encrypted_file"
  | "too_many_pages"
  | "archive_too_large"
  | "invalid_csv"
  | "invalid_url"
  | "blocked_address"
  | "timeout"
  | "too_large"
  | "http_error"
  | "unsupported_content"
  | "too_many_redirects"
  | "network_error"
  | "not_a_sitemap"
  // The website widget: an embedding site that is not allowed, a privacy notice not yet accepted.
  | "origin_not_allowed"
  | "consent_required"
  // A message id (the widget's client message id, a provider's id) already used by another sender's message.
  | "message_id_taken"
  // The AI copilot: the business's daily token budget is spent.
  | "budget_exhausted";

export type FieldIssue = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly headers?: Record<string, string>,
    /** Extra fields a client acts on, e.g. the id of the existing document behind a "duplicate". */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what = "Not found") => new ApiError(404, "not_found", what);
export const forbidden = (message = "Your role does not allow this") => new ApiError(403, "forbidden", message);
export const unauthorized = (message = "Sign in to continue") => new ApiError(401, "unauthorized", message);

export function validationError(error: z.ZodError): ApiError {
  const fields = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return new ApiError(400, "validation_failed", `Invalid request: ${summary}`, fields);
}

/** A 400 naming the one field that is wrong. */
export const badRequest = (field: string, message: string) => new ApiError(400, "validation_failed", message, [{ field, message }]);

/** A 409: the thing changed under the caller (another person got there first); the message says who or what. */
export const conflict = (message: string, details?: Record<string, unknown>) => new ApiError(409, "conflict", message, undefined, undefined, details);
