import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { pgErrorOf } from "@/lib/db/errors";
import { log } from "@/lib/log";
import { ApiError } from "./errors";
import { assertSameOrigin, type CrossOriginCaller } from "./origin";

type RouteContext<P> = { params: Promise<P> };

export function errorResponse(error: ApiError, requestId: string) {
  return NextResponse.json(
    {
      error: {
        ...error.details,
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
      },
    },
    { status: error.status, headers: { "x-request-id": requestId, ...error.headers } },
  );
}

/** Maps database errors raised by constraints, triggers and RLS to the API's errors. */
export function apiErrorFromDatabase(error: unknown): ApiError | null {
  const pg = pgErrorOf(error);
  if (!pg) return null;
  const hinted: Record<string, ApiError> = {
    last_owner: new ApiError(409, "last_owner", "A business must keep at least one owner"),
    invitation_not_found: new ApiError(404, "invitation_not_found", "This invitation link is not valid"),
    invitation_expired: new ApiError(410, "invitation_expired", "This invitation has expired; ask for a new link"),
    invitation_used: new ApiError(409, "invitation_used", "This invitation has already been used"),
    invitation_revoked: new ApiError(410, "invitation_revoked", "This invitation was revoked"),
    invitation_other_email: new ApiError(
      403,
      "invitation_other_email",
      "This invitation is for another email address: sign in with that address to accept it",
    ),
    already_member: new ApiError(409, "already_member", "You are already a member of this business"),
  };
  if (pg.hint && hinted[pg.hint]) return hinted[pg.hint]!;
  if (pg.code === "42501") return new ApiError(403, "forbidden", "Your role does not allow this");
  if (pg.code === "23505") return new ApiError(409, "conflict", "That already exists");
  if (pg.code === "23514" || pg.code === "22P02" || pg.code === "23502") {
    return new ApiError(400, "validation_failed", "Some values are not allowed");
  }
  return null;
}

export type RouteOptions = {
  /**
   * Set only on a route that other origins call by design, naming what authorises it instead of the session
   * cookie. Without it, a POST, PUT, PATCH or DELETE from another site's page is a 403 `cross_origin_request`.
   */
  crossOrigin?: CrossOriginCaller;
};

/**
 * Wraps a route handler: request id, latency and status in one log line (never bodies or tokens), every error
 * turned into a JSON error with a stable code, and state changes refused from other sites' pages (CSRF) unless the
 * route names its other kind of caller in `options.crossOrigin`.
 */
export function route<P = Record<string, never>>(
  name: string,
  handler: (request: Request, context: { params: P; requestId: string }) => Promise<Response>,
  options: RouteOptions = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const started = performance.now();
    let status = 500;
    let businessId: string | undefined;
    try {
      // Before anything reads the body or the session: a refused request changes nothing.
      if (!options.crossOrigin) assertSameOrigin(request);
      const params = context?.params ? await context.params : ({} as P);
      const fromParams = (params as { businessId?: unknown }).businessId;
      businessId = typeof fromParams === "string" ? fromParams : undefined;
      const response = await handler(request, { params, requestId });
      status = response.status;
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : apiErrorFromDatabase(error);
      if (apiError) {
        status = apiError.status;
        return errorResponse(apiError, requestId);
      }
      // lib/log reduces the error to its name, code, constraint and message summary: never the query's parameters or
      // the value Postgres quotes in some messages.
      log.error("request.failed", { route: name, requestId, businessId, error });
      return errorResponse(new ApiError(500, "internal", "Something went wrong on our side"), requestId);
    } finally {
      log.info("request", { route: name, method: request.method, requestId, businessId, status, ms: Math.round(performance.now() - started) });
    }
  };
}
