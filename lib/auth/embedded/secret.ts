import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig } from "@/lib/config";

const globalForSecret = globalThis as unknown as { __frontdeskJwtSecret?: Uint8Array };

/** The embedded auth server's signing key: AUTH_JWT_SECRET, or one generated on first run and kept in the data folder. */
export function jwtSecret(): Uint8Array {
  if (!globalForSecret.__frontdeskJwtSecret) {
    const config = getConfig();
    let secret = config.authJwtSecret;
    if (!secret) {
      const file = path.join(config.dataDir, "auth-jwt-secret");
      if (existsSync(file)) {
        secret = readFileSync(file, "utf8").trim();
      } else {
        mkdirSync(config.dataDir, { recursive: true });
        secret = randomBytes(48).toString("base64url");
        writeFileSync(file, secret, { mode: 0o600 });
      }
    }
    globalForSecret.__frontdeskJwtSecret = new TextEncoder().encode(secret);
  }
  return globalForSecret.__frontdeskJwtSecret;
}
