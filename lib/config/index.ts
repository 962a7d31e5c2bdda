import path from "node:path";
import { z } from "zod";
import { parseCidr } from "@/lib/knowledge/address-policy";

/**
 * Environment, parsed once. The runtime mode follows from what is configured: a database URL and a Supabase
 * URL together mean hosted; anything else runs the embedded, zero-setup stack.
 */
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
/** An HTTP API's base URL: `localhost:11434` parses as a URL with the scheme `localhost:`, so the scheme is checked. */
const optionalHttpUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, message: "an http:// or https:// URL" }).optional());

/** `https://host[:port]` as the browser writes it in an Origin header, or null for anything else (a path, a query, credentials). */
export function parseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    const bare = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password && !value.includes("?") && !value.includes("#");
    return bare && (url.protocol === "http:" || url.protocol === "https:") ? url.origin : null;
  } catch {
    return null;
  }
}
const listOf = (value: string | undefined) => (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);

export const envSchema = z.object({
  FRONTDESK_MODE: z.preprocess(emptyToUndefined, z.enum(["embedded", "hosted"]).optional()),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  // The address the server listens on: scripts/start.mjs passes the one it binds, `npm run dev` its own. Unset (a server
  // started some other way) counts as listening everywhere.
  HOST: optionalString,
  APP_URL: optionalHttpUrl,
  // Other origins the app itself is served on (a preview deployment, a second domain), comma-separated: state-changing
  // requests from their pages pass the CSRF check as APP_URL's do, and in embedded mode their host names pass the Host
  // check. Links in emails still use APP_URL.
  APP_ORIGINS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (list) => listOf(list).every((origin) => parseOrigin(origin) !== null),
        "APP_ORIGINS is a comma-separated list of origins such as https://preview.example.com (http or https, no path)",
      )
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error", "silent"]).default("info")),
  AUTH_JWT_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "AUTH_JWT_SECRET must be at least 32 characters").optional()),
  DATABASE_URL: optionalUrl,
  // LISTEN needs a session that stays open: Supabase's transaction pooler (port 6543) cannot keep one, so hosted realtime
  // takes the direct connection or the session pooler (port 5432). Defaults to DATABASE_URL.
  REALTIME_DATABASE_URL: optionalUrl,
  NEXT_PUBLIC_SUPABASE_URL: optionalHttpUrl,
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: optionalString,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: optionalString,
  NEXT_PUBLIC_AUTH_GOOGLE: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("false")),
  EMAIL_API_URL: optionalHttpUrl,
  EMAIL_API_KEY: optionalString,
  EMAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Frontdesk <no-reply@frontdesk.local>")),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalHttpUrl,
  OPENAI_EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().default("text-embedding-3-small")),
  KNOWLEDGE_MAX_UPLOAD_MB: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(200).default(20)),
  KNOWLEDGE_MAX_PDF_PAGES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(5000).default(500)),
  URL_IMPORT_ALLOW_CIDRS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (list) => list.split(",").map((c) => c.trim()).filter(Boolean).every((cidr) => parseCidr(cidr) !== null),
        "URL_IMPORT_ALLOW_CIDRS is a comma-separated list of CIDRs such as 10.0.0.0/8 or fd00::/8",
      )
      .optional(),
  ),
  // How many proxies in front of the app append to X-Forwarded-For (a load balancer, a CDN). 0: the header is the
  // client's own words and is ignored, so no client has a known address and per-address limits are skipped (the
  // per-email ones hold).
  TRUSTED_PROXY_HOPS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
  CRON_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "CRON_SECRET must be at least 32 characters").optional()),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalHttpUrl,
  LLM_COMPATIBLE_BASE_URL: optionalHttpUrl,
  LLM_COMPATIBLE_API_KEY: optionalString,
  LLM_COMPATIBLE_MODELS: optionalString,
  AI_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).max(120_000).default(15_000)),
  WIDGET_TOKEN_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "WIDGET_TOKEN_SECRET must be at least 32 characters").optional()),
  WIDGET_KEY_RATE_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(100)),
  WIDGET_VISITOR_RATE_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000).default(20)),
  // Web push (VAPID): base64url keys as web-push's generateVAPIDKeys writes them (65-byte public, 32-byte private).
  VAPID_PUBLIC_KEY: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{87}$/, "VAPID_PUBLIC_KEY is a base64url P-256 public key (87 characters)").optional()),
  VAPID_PRIVATE_KEY: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9_-]{43}$/, "VAPID_PRIVATE_KEY is a base64url P-256 private key (43 characters)").optional()),
  VAPID_SUBJECT: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "VAPID_SUBJECT is a mailto: address or an https:// URL").optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;

export type Config = {
  mode: "embedded" | "hosted";
  nodeEnv: Env["NODE_ENV"];
  port: number;
  /** The address the server listens on (HOST), when known: the local mailbox is served only on a loopback one. */
  listenHost?: string;
  appUrl: string;
  /** APP_ORIGINS: other origins the app is served on, accepted like APP_URL's by lib/http/origin. */
  appOrigins: string[];
  dataDir: string;
  logLevel: Env["LOG_LEVEL"];
  authJwtSecret?: string;
  databaseUrl?: string;
  /** Where the realtime bus LISTENs in hosted mode: a direct or session-mode connection (REALTIME_DATABASE_URL, else DATABASE_URL). */
  realtimeDatabaseUrl?: string;
  supabase?: { url: string; publishableKey: string; googleEnabled: boolean };
  email: { apiUrl?: string; apiKey?: string; from: string };
  /** Embeddings come from OpenAI when a key is set, otherwise from the offline embedder. */
  openai?: { apiKey: string; baseUrl?: string; embeddingModel: string };
  knowledge: { maxUploadBytes: number; maxPdfPages: number; urlImportAllowCidrs: string[] };
  /** Proxies in front of the app that append the client's address to X-Forwarded-For (lib/http/client-address). */
  trustedProxyHops: number;
  /** Bearer secret of the scheduled-jobs route that a hosted scheduler calls. */
  cronSecret?: string;
  /** Chat model providers: each one configured is offered in Settings → AI; the offline model always is. */
  ai: {
    openai?: { apiKey: string; baseUrl?: string };
    anthropic?: { apiKey: string; baseUrl?: string };
    compatible?: { baseUrl: string; apiKey?: string; models: string[] };
    timeoutMs: number;
  };
  widget: { tokenSecret?: string; keyRateLimit: number; visitorRateLimit: number };
  /** VAPID keys from the environment; embedded mode generates them into the data dir when unset (lib/notifications/vapid). */
  push: { vapidPublicKey?: string; vapidPrivateKey?: string; vapidSubject?: string };
};

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${issues}`);
  }
  const env = parsed.data;
  const publishableKey = env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  const hostedConfigured = Boolean(env.DATABASE_URL && env.NEXT_PUBLIC_SUPABASE_URL);
  const mode = env.FRONTDESK_MODE ?? (hostedConfigured ? "hosted" : "embedded");
  if (mode === "hosted") {
    const missing = [
      !env.DATABASE_URL && "DATABASE_URL",
      !env.NEXT_PUBLIC_SUPABASE_URL && "NEXT_PUBLIC_SUPABASE_URL",
      !publishableKey && "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY",
      // Links in emails and the cookies' Secure flag follow the public URL; localhost would be wrong for both.
      !env.APP_URL && "APP_URL",
    ].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(`Hosted mode needs ${missing.join(", ")}`);
  }
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
    throw new ConfigError("Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (a pair from `npx web-push generate-vapid-keys`), or neither");
  }
  return {
    mode,
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    listenHost: env.HOST,
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    appOrigins: listOf(env.APP_ORIGINS).flatMap((origin) => parseOrigin(origin) ?? []),
    dataDir: path.resolve(env.DATA_DIR),
    logLevel: env.LOG_LEVEL,
    authJwtSecret: env.AUTH_JWT_SECRET,
    databaseUrl: env.DATABASE_URL,
    realtimeDatabaseUrl: env.REALTIME_DATABASE_URL ?? env.DATABASE_URL,
    supabase:
      mode === "hosted" && env.NEXT_PUBLIC_SUPABASE_URL && publishableKey
        ? { url: env.NEXT_PUBLIC_SUPABASE_URL, publishableKey, googleEnabled: env.NEXT_PUBLIC_AUTH_GOOGLE === "true" }
        : undefined,
    email: { apiUrl: env.EMAIL_API_URL, apiKey: env.EMAIL_API_KEY, from: env.EMAIL_FROM },
    openai: env.OPENAI_API_KEY
      ? { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, embeddingModel: env.OPENAI_EMBEDDING_MODEL }
      : undefined,
    knowledge: {
      maxUploadBytes: Math.round(env.KNOWLEDGE_MAX_UPLOAD_MB * 1024 * 1024),
      maxPdfPages: env.KNOWLEDGE_MAX_PDF_PAGES,
      urlImportAllowCidrs: (env.URL_IMPORT_ALLOW_CIDRS ?? "").split(",").map((c) => c.trim()).filter(Boolean),
    },
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    cronSecret: env.CRON_SECRET,
    ai: {
      openai: env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL } : undefined,
      anthropic: env.ANTHROPIC_API_KEY ? { apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_BASE_URL } : undefined,
      compatible: env.LLM_COMPATIBLE_BASE_URL
        ? {
            baseUrl: env.LLM_COMPATIBLE_BASE_URL,
            apiKey: env.LLM_COMPATIBLE_API_KEY,
            models: (env.LLM_COMPATIBLE_MODELS ?? "").split(",").map((m) => m.trim()).filter(Boolean),
          }
        : undefined,
      timeoutMs: env.AI_TIMEOUT_MS,
    },
    widget: { tokenSecret: env.WIDGET_TOKEN_SECRET, keyRateLimit: env.WIDGET_KEY_RATE_LIMIT, visitorRateLimit: env.WIDGET_VISITOR_RATE_LIMIT },
    push: { vapidPublicKey: env.VAPID_PUBLIC_KEY, vapidPrivateKey: env.VAPID_PRIVATE_KEY, vapidSubject: env.VAPID_SUBJECT },
  };
}

const globalForConfig = globalThis as unknown as { __frontdeskConfig?: Config };

export function getConfig(): Config {
  globalForConfig.__frontdeskConfig ??= parseConfig(process.env);
  return globalForConfig.__frontdeskConfig;
}

/** Tests change the environment between cases; this forgets the parsed copy. */
export function resetConfigForTests(): void {
  globalForConfig.__frontdeskConfig = undefined;
}
