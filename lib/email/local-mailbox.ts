import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getConfig, type Config } from "@/lib/config";
import { withServiceRole, withUser, type AuthClaims } from "@/lib/db";
import { withChatLinks } from "./chat-links";
import { listLocalMailbox, listMailTo, listManagedBusinessesMail, type OutboxEmail } from "./queries";

/**
 * The embedded mode's local mailbox: the emails the app would have sent (password resets, invitations, replies to
 * customers), since nothing is really sent. Those emails carry live links, so the mailbox is a door into accounts:
 *
 * - it exists only in embedded mode and only while the server listens on this machine (a loopback address);
 * - the person running Frontdesk (the operator) sees all of it with the key generated into DATA_DIR on first run and
 *   printed on the startup banner as `/mailbox#key=…` (a fragment: never in an access log or a Referer). That is how
 *   someone who forgot their password, and so cannot sign in, still resets it locally;
 * - anyone else must sign in, and then sees only the mail of the businesses they manage and the mail sent to their
 *   own address, as a real mailbox would show them.
 */

export { MAILBOX_KEY_HEADER } from "./mailbox-api";

/** 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

/** Whether the local mailbox is served at all: embedded mode, listening on a loopback address only. */
export function localMailboxServed(config: Config = getConfig()): boolean {
  return config.mode === "embedded" && isLoopbackHost(config.listenHost);
}

/** Where the operator key is kept. */
export const mailboxOperatorKeyFile = (config: Config = getConfig()) => path.join(config.dataDir, "mailbox-key");

/**
 * The operator key: generated into the data folder on first run (like the auth secret and the VAPID keys), kept after.
 * Read from the file each time (a few bytes), so deleting the file revokes the printed link.
 */
export function mailboxOperatorKey(config: Config = getConfig()): string {
  const { dataDir } = config;
  const file = mailboxOperatorKeyFile(config);
  let key = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  // A missing, emptied or truncated file gets a new key: an empty key would match an empty header.
  if (key.length < 32) {
    mkdirSync(dataDir, { recursive: true });
    key = randomBytes(32).toString("base64url");
    writeFileSync(file, key, { mode: 0o600 });
  }
  return key;
}

/** The mailbox address with the operator key, for the startup banner (printed to a terminal only, never logged). */
export function operatorMailboxUrl(config: Config = getConfig()): string {
  return `${config.appUrl}/mailbox#key=${mailboxOperatorKey(config)}`;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares in constant time (digests of equal length), so the key cannot be guessed a character at a time. */
export function isMailboxOperatorKey(candidate: string): boolean {
  return timingSafeEqual(digest(candidate), digest(mailboxOperatorKey()));
}

export type MailboxView = { viewer: "operator" | "member"; emails: OutboxEmail[] };

/** Everything, for the operator: staff replies get their live chat link here, as the customer would. */
export async function operatorMailbox(): Promise<MailboxView> {
  const emails = await withServiceRole(async (tx) => {
    const rows = await listLocalMailbox(tx);
    return Promise.all(rows.map(async (email) => ({ ...email, bodyText: await withChatLinks(tx, email) })));
  });
  return { viewer: "operator", emails };
}

/**
 * A signed-in person's mail: their businesses' outbox as Settings shows it (under RLS: owners and admins) and every
 * email addressed to them. A reply to a customer shows no live chat link: that is the customer's, not the team's.
 */
export async function memberMailbox(claims: AuthClaims): Promise<MailboxView> {
  const business = await withUser(claims, (tx) => listManagedBusinessesMail(tx, { userId: claims.sub }));
  const address = claims.email;
  const own = address ? await withServiceRole((tx) => listMailTo(tx, { email: address })) : [];
  const byId = new Map([...business, ...own].map((email) => [email.id, email]));
  const emails = [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, 200);
  return { viewer: "member", emails };
}
