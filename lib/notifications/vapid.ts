import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateVAPIDKeys } from "web-push";
import { z } from "zod";
import { getConfig, type Config } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * The VAPID key pair that signs web pushes. Hosted: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT from the
 * environment (without them push is off, with one log line saying how to turn it on). Embedded: the same variables
 * when set, otherwise a pair generated on first run and kept in the data folder (mode 0600), so subscriptions keep
 * working across restarts. The private key stays in this process: only the public key is ever returned to a browser,
 * and nothing here logs a key.
 */
export type VapidDetails = { publicKey: string; privateKey: string; subject: string };

const storedKeys = z.object({
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{87}$/),
  privateKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

export const VAPID_FILE = "vapid-keys.json";

/** The contact push services may use about our traffic: VAPID_SUBJECT, else the public https URL, else a mailto. */
function subjectFor(config: Config): string {
  if (config.push.vapidSubject) return config.push.vapidSubject;
  if (config.appUrl.startsWith("https://") && !new URL(config.appUrl).hostname.endsWith("localhost")) return config.appUrl;
  return "mailto:no-reply@frontdesk.local";
}

function readOrCreateKeys(dataDir: string): { publicKey: string; privateKey: string } {
  const file = path.join(dataDir, VAPID_FILE);
  try {
    return storedKeys.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      // A damaged file must not be silently replaced: every device subscribed with the old key would stop receiving.
      throw new Error(`${file} is not a valid VAPID key file; fix or delete it (devices will need to enable push again)`);
    }
  }
  mkdirSync(dataDir, { recursive: true });
  const keys = generateVAPIDKeys();
  try {
    // "wx": of two processes starting at once, the second reads the first one's keys instead of overwriting them.
    writeFileSync(file, JSON.stringify({ publicKey: keys.publicKey, privateKey: keys.privateKey }), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return storedKeys.parse(JSON.parse(readFileSync(file, "utf8")));
    throw error;
  }
  // The umask may have narrowed the mode but never widens it; make sure it is exactly owner-only.
  chmodSync(file, 0o600);
  log.info("push.vapid_generated", { file });
  return keys;
}

/** Resolves the keys for this configuration; null when push is off. Pure apart from the key file in embedded mode. */
export function resolveVapid(config: Config): VapidDetails | null {
  const subject = subjectFor(config);
  if (config.push.vapidPublicKey && config.push.vapidPrivateKey) {
    return { publicKey: config.push.vapidPublicKey, privateKey: config.push.vapidPrivateKey, subject };
  }
  if (config.mode === "hosted") {
    log.warn("push.disabled", { reason: "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set; generate a pair with `npx web-push generate-vapid-keys`" });
    return null;
  }
  return { ...readOrCreateKeys(config.dataDir), subject };
}

const globalForVapid = globalThis as unknown as { __frontdeskVapid?: { details: VapidDetails | null } };

/** This process's VAPID details (resolved once); null when push is off, or its key file is damaged (logged once). */
export function getVapid(): VapidDetails | null {
  if (!globalForVapid.__frontdeskVapid) {
    let details: VapidDetails | null = null;
    try {
      details = resolveVapid(getConfig());
    } catch (error) {
      log.error("push.disabled", { reason: error instanceof Error ? error.message : "the VAPID keys could not be read" });
    }
    globalForVapid.__frontdeskVapid = { details };
  }
  return globalForVapid.__frontdeskVapid.details;
}

/** Tests change the configuration between cases; this forgets the resolved keys. */
export function resetVapidForTests(): void {
  globalForVapid.__frontdeskVapid = undefined;
}
