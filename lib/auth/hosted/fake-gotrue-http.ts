/**
 * The HTTP edge of the fake Supabase Auth (see `fake-gotrue.ts`): reading and recording each request, failing the
 * next request to a route when a test asks, and writing answers and errors in GoTrue's shapes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export type RecordedRequest = {
  method: string;
  /** Path below `/auth/v1`, without the query string, e.g. `/token`. */
  path: string;
  query: Record<string, string>;
  headers: { apikey?: string; authorization?: string; apiVersion?: string };
  body: Record<string, unknown> | undefined;
};

export type InjectedError = {
  status: number;
  /** GoTrue's `error_code`, e.g. `over_request_rate_limit`, `weak_password`. */
  code: string;
  message: string;
  weakPasswordReasons?: string[];
  headers?: Record<string, string>;
};

/** What a route answers: a status, and a JSON body or a redirect. */
export type RouteResult = { status: number; json?: unknown; location?: string };

export const API_VERSION_HEADER = "x-supabase-api-version";

export class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly weakPasswordReasons?: string[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The route a request is matched by: `METHOD /path`, with the grant type for `/token`. */
export function routeOf(r: RecordedRequest) {
  return r.path === "/token" ? `${r.method} /token?grant_type=${r.query.grant_type ?? ""}` : `${r.method} ${r.path}`;
}

/** Every request the fake received, in order, and the errors tests asked it to answer with next. */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  private readonly injected: { route: string; error: InjectedError }[] = [];

  failNext(route: string, error: InjectedError) {
    this.injected.push({ route, error });
  }

  requestsTo(route: string): RecordedRequest[] {
    return this.requests.filter((r) => routeOf(r) === route || `${r.method} ${r.path}` === route);
  }

  /** Reads a request's body and records it; a body that is not a JSON object is recorded as `undefined`. */
  async record(req: IncomingMessage, baseUrl: string): Promise<{ url: URL; recorded: RecordedRequest }> {
    const url = new URL(req.url ?? "/", baseUrl);
    const text = await readBody(req);
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      body = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname.replace(/^\/auth\/v1/, ""),
      query: Object.fromEntries(url.searchParams),
      headers: {
        apikey: header(req, "apikey"),
        authorization: header(req, "authorization"),
        apiVersion: header(req, API_VERSION_HEADER),
      },
      body,
    };
    this.requests.push(recorded);
    return { url, recorded };
  }

  /** Throws, once, the error a test injected for this request's route. */
  throwInjected(recorded: RecordedRequest) {
    const index = this.injected.findIndex((i) => i.route === routeOf(recorded));
    const injected = index >= 0 ? this.injected.splice(index, 1)[0]?.error : undefined;
    if (injected) {
      throw new GoTrueError(injected.status, injected.code, injected.message, injected.weakPasswordReasons, injected.headers);
    }
  }
}

export function writeResult(res: ServerResponse, result: RouteResult) {
  if (result.location) res.setHeader("location", result.location);
  if (result.json === undefined) {
    res.writeHead(result.status).end();
  } else {
    res.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.json));
  }
}

/**
 * Answers an error as GoTrue does: `{ code, message }` with the API version header for clients that sent a version
 * of 2024-01-01 or later (`versioned`), else the older `{ code: <status>, error_code, msg }`. Anything but a
 * `GoTrueError` is an unexpected 500.
 */
export function writeError(res: ServerResponse, error: unknown, versioned: boolean) {
  if (!(error instanceof GoTrueError)) {
    res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ code: 500, error_code: "unexpected_failure", msg: String(error) }));
    return;
  }
  const weak = error.weakPasswordReasons ? { weak_password: { reasons: error.weakPasswordReasons } } : {};
  const json = versioned
    ? { code: error.code, message: error.message, ...weak }
    : { code: error.status, error_code: error.code, msg: error.message, ...weak };
  res
    .writeHead(error.status, {
      "content-type": "application/json",
      ...(versioned ? { [API_VERSION_HEADER]: "2024-01-01" } : {}),
      ...error.headers,
    })
    .end(JSON.stringify(json));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
