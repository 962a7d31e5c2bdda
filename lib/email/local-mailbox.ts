import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getConfig, type Config } from "@/lib/config";
import { withServiceRole, withUser, type AuthClaims } from "@/lib/db";
import { isLoopback } from "@/lib/http/origin";
import { profiles } from "@/lib/db/schema";
import { withChatLinks } from "./chat-links";
import { listAccountMailTo, listLocalMailbox, listManagedBusinessesMail, type OutboxEmail } from "./queries";

/**
 * The embedded mode's local mailbox: the emails the app would have sent (password resets, invitations, replies to
 * customers), since nothing is really sent. Those emails carry live links, so the mailbox is a door into accounts:
 *
 * - it exists only in embedded mode and only while the server listens on this machine (a loopback address);
 * - the person running Frontdesk (the operator) sees all of it with the key generated into DATA_DIR on first run and
 *   printed on the startup banner as `/mailbox#key=…` (a fragment: never in an access log or a Referer). That is how
 *   someone who forgot their password, and so cannot sign in, still resets it locally;
 * - anyone else must sign in, and then sees only the mail of the businesses they manage and the account mail
 *   (password resets) sent to their own address since their account was created.
 */

export { MAILBOX_KEY_HEADER } from "./mailbox-api";

/** 127.0.0.0/8, ::1 and localhost: the one definition (lib/http/origin), which the Host check uses too. */
export const isLoopbackHost = isLoopback;

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
 * A signed-in person's mail: their businesses' outbox as Settings shows it (under RLS: owners and admins) and the
 * account email (password resets) sent to their address since their account exists. A reply to a customer shows no
 * live chat link: that is the customer's, not the team's. An invitation to them is not shown to them here: whoever
 * signs up first with an address would read it (the inviting manager copies the link from the team screen, and sees
 * the email here; the operator sees everything).
 */
export async function memberMailbox(claims: AuthClaims): Promise<MailboxView> {
  const business = await withUser(claims, (tx) => listManagedBusinessesMail(tx, { userId: claims.sub }));
  const own = await withServiceRole(async (tx) => {
    // The account's own address and age, not the token's claims: the profile mirrors auth.users (written by its
    // trigger when the account is created; its owner may change only their name).
    const [account] = await tx.select({ email: profiles.email, createdAt: profiles.createdAt }).from(profiles).where(eq(profiles.id, claims.sub));
    return account?.email ? listAccountMailTo(tx, { email: account.email, since: account.createdAt }) : [];
  });
  const byId = new Map([...business, ...own].map((email) => [email.id, email]));
  const emails = [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, 200);
  return { viewer: "member", emails };
}
