import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./index";

describe("parseConfig", () => {
  it("defaults to embedded mode with no configuration", () => {
    const config = parseConfig({});
    expect(config.mode).toBe("embedded");
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.supabase).toBeUndefined();
  });
  it("honours PORT in the app URL", () => {
    expect(parseConfig({ PORT: "4100" }).appUrl).toBe("http://localhost:4100");
  });
  it("switches to hosted mode when the database and Supabase URLs are set", () => {
    const config = parseConfig({
      DATABASE_URL: "postgres://postgres:pw@db.example.supabase.co:6543/postgres",
      NEXT_PUBLIC_SUPABASE_URL: "https://example.supabase.co",
      NEXT_PUBLIC_SUPABASE_ANON_KEY: "anon-key",
      APP_URL: "https://desk.example.com",
    });
    expect(config.mode).toBe("hosted");
    expect(config.appUrl).toBe("https://desk.example.com");
    expect(config.supabase).toEqual({ url: "https://example.supabase.co", publishableKey: "anon-key", googleEnabled: false });
  });
  it("names what hosted mode is missing", () => {
    expect(() => parseConfig({ FRONTDESK_MODE: "hosted", DATABASE_URL: "postgres://x@h/db" })).toThrow(
      /NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, APP_URL/,
    );
  });
  it("rejects malformed values with the variable's name", () => {
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseConfig({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ AUTH_JWT_SECRET: "short" })).toThrow(/AUTH_JWT_SECRET/);
  });
  it("reads APP_ORIGINS as a list of bare http(s) origins, and names itself when one is not", () => {
    expect(parseConfig({}).appOrigins).toEqual([]);
    expect(parseConfig({ APP_ORIGINS: " https://Preview-1.Desk.example.com , http://desk.lan:8080/,https://desk.example.org:443" }).appOrigins).toEqual([
      "https://preview-1.desk.example.com",
      "http://desk.lan:8080",
      "https://desk.example.org",
    ]);
    for (const bad of ["https://desk.example.com/app", "desk.example.com", "ftp://desk.example.com", "https://u:p@desk.example.com", "https://desk.example.com?x=1", "https://desk.example.com#x", "*.vercel.app"]) {
      expect(() => parseConfig({ APP_ORIGINS: bad }), bad).toThrow(/APP_ORIGINS/);
    }
  });
  it("trusts no proxy's X-Forwarded-For unless told how many there are", () => {
    expect(parseConfig({}).trustedProxyHops).toBe(0);
    expect(parseConfig({ TRUSTED_PROXY_HOPS: "2" }).trustedProxyHops).toBe(2);
    expect(() => parseConfig({ TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseConfig({ TRUSTED_PROXY_HOPS: "one" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
  it("configures embeddings and knowledge imports, with safe defaults", () => {
    const defaults = parseConfig({});
    expect(defaults.openai).toBeUndefined();
    expect(defaults.knowledge).toEqual({ maxUploadBytes: 20 * 1024 * 1024, maxPdfPages: 500, urlImportAllowCidrs: [] });
    const set = parseConfig({
      OPENAI_API_KEY: "sk-x",
      OPENAI_BASE_URL: "http://127.0.0.1:9999/v1",
      KNOWLEDGE_MAX_UPLOAD_MB: "5",
      URL_IMPORT_ALLOW_CIDRS: "10.0.0.0/8, fd00::/8",
    });
    expect(set.openai).toEqual({ apiKey: "sk-x", baseUrl: "http://127.0.0.1:9999/v1", embeddingModel: "text-embedding-3-small" });
    expect(set.knowledge).toMatchObject({ maxUploadBytes: 5 * 1024 * 1024, urlImportAllowCidrs: ["10.0.0.0/8", "fd00::/8"] });
    expect(() => parseConfig({ URL_IMPORT_ALLOW_CIDRS: "1.2.3.4/99" })).toThrow(/URL_IMPORT_ALLOW_CIDRS/);
  });
  it("configures chat models and the widget, with the offline model and safe limits by default", () => {
    const defaults = parseConfig({});
    expect(defaults.ai).toEqual({ openai: undefined, anthropic: undefined, compatible: undefined, timeoutMs: 15_000 });
    expect(defaults.widget).toEqual({ tokenSecret: undefined, keyRateLimit: 100, visitorRateLimit: 20 });
    const set = parseConfig({
      ANTHROPIC_API_KEY: "sk-ant-x",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:9998/v1",
      LLM_COMPATIBLE_BASE_URL: "http://127.0.0.1:11434/v1",
      LLM_COMPATIBLE_MODELS: "llama3.1:8b, qwen2.5:7b,",
      AI_TIMEOUT_MS: "5000",
      WIDGET_TOKEN_SECRET: "w".repeat(32),
      WIDGET_KEY_RATE_LIMIT: "300",
      WIDGET_VISITOR_RATE_LIMIT: "10",
    });
    expect(set.ai.anthropic).toEqual({ apiKey: "sk-ant-x", baseUrl: "http://127.0.0.1:9998/v1" });
    expect(set.ai.compatible).toEqual({ baseUrl: "http://127.0.0.1:11434/v1", apiKey: undefined, models: ["llama3.1:8b", "qwen2.5:7b"] });
    expect(set.ai.timeoutMs).toBe(5000);
    expect(set.widget).toEqual({ tokenSecret: "w".repeat(32), keyRateLimit: 300, visitorRateLimit: 10 });
    expect(() => parseConfig({ WIDGET_TOKEN_SECRET: "short" })).toThrow(/WIDGET_TOKEN_SECRET/);
    expect(() => parseConfig({ AI_TIMEOUT_MS: "10" })).toThrow(/AI_TIMEOUT_MS/);
    expect(() => parseConfig({ WIDGET_VISITOR_RATE_LIMIT: "0" })).toThrow(/WIDGET_VISITOR_RATE_LIMIT/);
    expect(() => parseConfig({ LLM_COMPATIBLE_BASE_URL: "localhost:11434" })).toThrow(/LLM_COMPATIBLE_BASE_URL/);
  });
});

describe("realtime database URL", () => {
  it("defaults to DATABASE_URL and can point LISTEN at a session-mode connection instead of the transaction pooler", () => {
    expect(parseConfig({}).realtimeDatabaseUrl).toBeUndefined();
    const pooled = "postgres://postgres.ref:pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres";
    expect(parseConfig({ DATABASE_URL: pooled }).realtimeDatabaseUrl).toBe(pooled);
    const session = "postgres://postgres.ref:pw@aws-0-eu-west-1.pooler.supabase.com:5432/postgres";
    expect(parseConfig({ DATABASE_URL: pooled, REALTIME_DATABASE_URL: session }).realtimeDatabaseUrl).toBe(session);
    expect(parseConfig({ DATABASE_URL: pooled, REALTIME_DATABASE_URL: "" }).realtimeDatabaseUrl).toBe(pooled);
    expect(() => parseConfig({ REALTIME_DATABASE_URL: "not a url" })).toThrow(/REALTIME_DATABASE_URL/);
  });
});
