import type { Instrumentation } from "next";

/** Runs once when the server starts: opens (and in embedded mode migrates and seeds) the database, then says how to use it. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { announceStartup } = await import("./lib/platform/startup");
    await announceStartup();
  }
}

/**
 * An error Next caught while rendering a page, running a server action or a route: logged through lib/log, which
 * reduces it (no message details, no customer data). The route's pattern (`/b/[businessId]/inbox`) is logged, not
 * the requested path, whose query may hold a token. Next still prints its own line for the error too; database
 * errors reach it without their query's parameters (lib/db wraps them), so that line names no customer data either.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  // Pages render in Node here (no edge routes); the check also keeps lib/log out of the edge bundle.
  if (process.env.NEXT_RUNTIME === "edge") return;
  const { log } = await import("./lib/log");
  log.error("request.render_failed", {
    error,
    method: request.method,
    route: context.routePath,
    routeType: context.routeType,
    routerKind: context.routerKind,
  });
};
