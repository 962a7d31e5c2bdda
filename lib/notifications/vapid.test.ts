import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateVAPIDKeys } from "web-push";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";
import { resolveVapid, VAPID_FILE } from "./vapid";

const hosted = {
  DATABASE_URL: "postgres://postgres:pw@db.example.supabase.co:6543/postgres",
  NEXT_PUBLIC_SUPABASE_URL: "https://example.supabase.co",
  NEXT_PUBLIC_SUPABASE_ANON_KEY: "anon-key",
  APP_URL: "https://desk.example.com",
};

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-vapid-"));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Everything the logger writes while `fn` runs (warnings and errors go to stderr, the rest to stdout). */
function captureLogs(fn: () => void): string {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  fn();
  vi.restoreAllMocks();
  return lines.join("");
}

describe("VAPID keys in embedded mode", () => {
  it("are generated on first run, kept owner-only in the data folder, and reused afterwards", () => {
    const dataDir = tempDir();
    vi.stubEnv("LOG_LEVEL", "info");
    let first: ReturnType<typeof resolveVapid> = null;
    const logs = captureLogs(() => {
      first = resolveVapid(parseConfig({ DATA_DIR: dataDir }));
    });
    expect(first).toMatchObject({ publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/), privateKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const file = path.join(dataDir, VAPID_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ publicKey: first!.publicKey, privateKey: first!.privateKey });
    expect(logs).toContain("push.vapid_generated");
    expect(logs).not.toContain(first!.privateKey);
    expect(resolveVapid(parseConfig({ DATA_DIR: dataDir }))).toEqual(first);
  });

  it("sign as a mailto: contact unless the app has a public https address or VAPID_SUBJECT says otherwise", () => {
    const dataDir = tempDir();
    captureLogs(() => resolveVapid(parseConfig({ DATA_DIR: dataDir })));
    expect(resolveVapid(parseConfig({ DATA_DIR: dataDir }))!.subject).toBe("mailto:no-reply@frontdesk.local");
    expect(resolveVapid(parseConfig({ DATA_DIR: dataDir, APP_URL: "https://desk.example.com" }))!.subject).toBe("https://desk.example.com");
    expect(resolveVapid(parseConfig({ DATA_DIR: dataDir, VAPID_SUBJECT: "mailto:ops@example.com" }))!.subject).toBe("mailto:ops@example.com");
  });

  it("come from the environment when it sets them, and no file is written", () => {
    const dataDir = tempDir();
    const keys = generateVAPIDKeys();
    const vapid = resolveVapid(parseConfig({ DATA_DIR: dataDir, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey }));
    expect(vapid).toMatchObject(keys);
    expect(() => statSync(path.join(dataDir, VAPID_FILE))).toThrow();
  });

  it("refuse to replace a damaged key file (every subscribed device would go silent)", () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, VAPID_FILE), "{not json");
    expect(() => resolveVapid(parseConfig({ DATA_DIR: dataDir }))).toThrow(/not a valid VAPID key file/);
    expect(readFileSync(path.join(dataDir, VAPID_FILE), "utf8")).toBe("{not json");
  });
});

describe("VAPID keys in hosted mode", () => {
  it("come from the environment", () => {
    const keys = generateVAPIDKeys();
    const vapid = resolveVapid(parseConfig({ ...hosted, VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: "mailto:ops@example.com" }));
    expect(vapid).toEqual({ ...keys, subject: "mailto:ops@example.com" });
  });

  it("without them, push is off with one clear log line, and nothing is written or thrown", () => {
    const dataDir = tempDir();
    let vapid: ReturnType<typeof resolveVapid> = null;
    const logs = captureLogs(() => {
      vapid = resolveVapid(parseConfig({ ...hosted, DATA_DIR: dataDir }));
    });
    expect(vapid).toBeNull();
    expect(logs).toContain("push.disabled");
    expect(logs).toContain("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set");
    expect(() => statSync(path.join(dataDir, VAPID_FILE))).toThrow();
  });
});

describe("VAPID environment variables", () => {
  it("are checked when the configuration is parsed", () => {
    const keys = generateVAPIDKeys();
    expect(parseConfig({ VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey }).push).toEqual({
      vapidPublicKey: keys.publicKey,
      vapidPrivateKey: keys.privateKey,
      vapidSubject: undefined,
    });
    expect(() => parseConfig({ VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(ConfigError);
    expect(() => parseConfig({ VAPID_PUBLIC_KEY: "short", VAPID_PRIVATE_KEY: keys.privateKey })).toThrow(/VAPID_PUBLIC_KEY/);
    expect(() => parseConfig({ VAPID_SUBJECT: "http://example.com" })).toThrow(/VAPID_SUBJECT/);
    expect(parseConfig({ VAPID_PUBLIC_KEY: "", VAPID_PRIVATE_KEY: "" }).push.vapidPublicKey).toBeUndefined();
  });
});
