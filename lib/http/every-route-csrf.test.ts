import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useDatabaseForTests as installDatabaseForTests, type Database } from "@/lib/db";
import type { CrossOriginCaller } from "./origin";

/**
 * Every state-changing export of every route under app/ refuses another site's request, found by walking app/ rather
 * than listed by hand, so a route added later cannot skip the check (issue 19, finding 4): a bare
 * `export async function POST` without route(), or a new `crossOrigin` opt-out, fails here. The opt-outs are the
 * ones below, each naming what authorises it instead of the session cookie.
 */
const OPT_OUTS: Record<string, CrossOriginCaller> = {
  "app/api/widget/session/route.ts POST": "widget",
  "app/api/widget/contact/route.ts POST": "widget",
  "app/api/widget/messages/route.ts POST": "widget",
  "app/api/widget/handoff/route.ts POST": "widget",
  "app/api/jobs/agent/route.ts POST": "bearer-secret",
  "app/api/jobs/inbox/route.ts POST": "bearer-secret",
  "app/api/jobs/knowledge/route.ts POST": "bearer-secret",
};

const STATE_CHANGING = ["POST", "PUT", "PATCH", "DELETE"] as const;

// Which exports route() made, and with which options: an export missing here was not wrapped at all.
const registry = vi.hoisted(() => new Map<unknown, { name: string; crossOrigin?: string }>());
vi.mock("@/lib/http/handler", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./handler")>();
  function route<P>(name: string, handler: Parameters<typeof actual.route<P>>[1], options: Parameters<typeof actual.route<P>>[2] = {}) {
    const wrapped = actual.route<P>(name, handler, options);
    registry.set(wrapped, { name, crossOrigin: options.crossOrigin });
    return wrapped;
  }
  return { ...actual, route };
});

// What a refused request must not have reached: the session (cookies and headers come through next/headers) and the
// database (every query, whichever helper runs it, opens it through the installed Database below).
const touched = vi.hoisted(() => [] as string[]);
vi.mock("next/headers", () => ({
  cookies: async () => {
    touched.push("cookies()");
    return { getAll: () => [], get: () => undefined, set: () => undefined };
  },
  headers: async () => {
    touched.push("headers()");
    return new Headers();
  },
}));
// Route modules that start background work after a response; nothing here gets that far.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), after: () => undefined }));

const probeDatabase = new Proxy({} as Database, {
  get(_target, property) {
    // Promise.resolve() looks for a `then` on what it is given: that is not a use of the database.
    if (property === "then") return undefined;
    touched.push(`database.${String(property)}`);
    throw new Error("the database was used");
  },
});
installDatabaseForTests(probeDatabase);
afterAll(() => installDatabaseForTests(undefined));
beforeEach(() => {
  touched.length = 0;
});

const root = fileURLToPath(new URL("../..", import.meta.url));
const routeFiles = readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts")
  .map((file) => path.posix.join("app", file.split(path.sep).join("/")))
  .sort();

/** The URL path a route file serves, with its dynamic segments, and dummy values for them. */
function addressOf(file: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = file
    .replace(/^app\//, "")
    .replace(/\/route\.ts$/, "")
    .split("/")
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => {
      const dynamic = /^\[(.+)\]$/.exec(segment)?.[1];
      if (!dynamic) return segment;
      params[dynamic] = dynamic === "token" ? "A".repeat(32) : "00000000-0000-4000-8000-000000000001";
      return params[dynamic];
    });
  return { url: `http://localhost:3000/${segments.join("/")}`, params };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const exportsOf = Object.fromEntries(
  await Promise.all(routeFiles.map(async (file) => [file, (await import(path.join(root, file))) as Record<string, unknown>] as const)),
);
const stateChanging = routeFiles.flatMap((file) =>
  STATE_CHANGING.filter((method) => method in exportsOf[file]!).map((method) => ({ file, method, key: `${file} ${method}` })),
);

/** Another site's page as a browser reports it: by Sec-Fetch-Site, by Origin (older browsers), or both. */
const CROSS_SITE: Record<string, string>[] = [
  { "sec-fetch-site": "cross-site" },
  { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
  { origin: "https://evil.example" },
  { "sec-fetch-site": "same-site", origin: "http://localhost:4000" },
];

describe("every state-changing route refuses another site's request", () => {
  it("finds the app's routes and their state-changing exports", () => {
    expect(routeFiles.length).toBeGreaterThan(50);
    expect(stateChanging.length).toBeGreaterThan(40);
  });

  it.each(stateChanging)("$key is made by route() and opts out only if listed", ({ file, method, key }) => {
    const made = registry.get(exportsOf[file]![method]);
    expect(made, `${key} is not wrapped in route(), so nothing checks where it came from`).toBeDefined();
    expect(made!.crossOrigin, `${key} opts out of the cross-origin check`).toBe(OPT_OUTS[key]);
  });

  it("lists no opt-out that is not there any more", () => {
    const optedOut = stateChanging.filter(({ file, method }) => registry.get(exportsOf[file]![method])?.crossOrigin).map(({ key }) => key);
    expect(optedOut.sort()).toEqual(Object.keys(OPT_OUTS).sort());
  });

  it.each(stateChanging.filter(({ key }) => !(key in OPT_OUTS)))(
    "$key: 403 cross_origin_request before the session or the database is reached",
    async ({ file, method }) => {
      const { url, params } = addressOf(file);
      const handler = exportsOf[file]![method] as Handler;
      for (const headers of CROSS_SITE) {
        const body = method === "DELETE" ? undefined : "{}";
        const request = new Request(url, { method, headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) }, body });
        const response = await handler(request, { params: Promise.resolve(params) });
        expect(response.status, JSON.stringify(headers)).toBe(403);
        expect((await response.json()).error.code, JSON.stringify(headers)).toBe("cross_origin_request");
        expect(touched, JSON.stringify(headers)).toEqual([]);
      }
    },
  );
});
