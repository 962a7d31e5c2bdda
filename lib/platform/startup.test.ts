import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig, resetConfigForTests } from "@/lib/config";
import { startupBanner } from "./startup";

const dataDir = mkdtempSync(path.join(tmpdir(), "frontdesk-banner-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  resetConfigForTests();
});

const database = { dataDir, seeded: false };

describe("the startup banner", () => {
  it("prints the operator's mailbox link with the key from the data folder, in the fragment, to a terminal", () => {
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("HOST", "127.0.0.1");
    resetConfigForTests();
    const mailbox = startupBanner(parseConfig(process.env), database, { terminal: true }).find((line) => line.includes("mailbox"))!;
    const key = readFileSync(path.join(dataDir, "mailbox-key"), "utf8");
    expect(mailbox).toContain(`http://localhost:3000/mailbox#key=${key}`);
  });

  it("prints no key when stdout is not a terminal (a pipe or a file keeps it), only where the key file is", () => {
    const fresh = mkdtempSync(path.join(tmpdir(), "frontdesk-banner-pipe-"));
    try {
      vi.stubEnv("DATA_DIR", fresh);
      vi.stubEnv("HOST", "127.0.0.1");
      resetConfigForTests();
      for (const lines of [startupBanner(parseConfig(process.env), database), startupBanner(parseConfig(process.env), database, { terminal: false })]) {
        const text = lines.join("\n");
        // The file exists (generated at boot), so the operator can read the key from it.
        const key = readFileSync(path.join(fresh, "mailbox-key"), "utf8");
        expect(key.length).toBeGreaterThanOrEqual(32);
        expect(text).not.toContain(key);
        expect(text).toContain(`http://localhost:3000/mailbox#key=<the key in ${path.join(fresh, "mailbox-key")}>`);
      }
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("says the mailbox is not served when the server listens beyond this machine, and prints no key", () => {
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("HOST", "0.0.0.0");
    resetConfigForTests();
    const lines = startupBanner(parseConfig(process.env), database).join("\n");
    expect(lines).toMatch(/mailbox +not served: the server listens on 0\.0\.0\.0/);
    expect(lines).not.toContain("#key=");
  });

  it("warns a hosted deployment that trusts no proxy that its auth limits count per email only", () => {
    const hosted = {
      DATABASE_URL: "postgres://postgres:pw@db.example.supabase.co:6543/postgres",
      NEXT_PUBLIC_SUPABASE_URL: "https://example.supabase.co",
      NEXT_PUBLIC_SUPABASE_ANON_KEY: "anon-key",
      APP_URL: "https://desk.example.com",
    };
    expect(startupBanner(parseConfig(hosted), database).join("\n")).toMatch(/TRUSTED_PROXY_HOPS is 0: no client's address is known, so .* count per email only/);
    expect(startupBanner(parseConfig({ ...hosted, TRUSTED_PROXY_HOPS: "1" }), database).join("\n")).toMatch(
      /X-Forwarded-For behind 1 trusted proxy$/m,
    );
  });
});
