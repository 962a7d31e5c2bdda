import path from "node:path";
import { getConfig, type Config } from "@/lib/config";
import { getDatabase, type Database } from "@/lib/db";
import { startAgentSweeper } from "@/lib/agent/sweeper";
import { localMailboxServed, mailboxOperatorKey, mailboxOperatorKeyFile, operatorMailboxUrl } from "@/lib/email/local-mailbox";
import { startEmailSender } from "@/lib/email/sender";
import { startKnowledgeWorker } from "@/lib/knowledge/worker";
import { log } from "@/lib/log";
import { startInboxJobs } from "@/lib/notifications/jobs";

export const DEMO_LOGIN = { email: "demo@frontdesk.local", password: "Frontdesk-Demo-2026" };

/**
 * What the terminal shows at boot: the mode, where the data is, how to sign in and (embedded) the mailbox link.
 * `terminal` says whether stdout is a terminal a person reads: otherwise it is a file or a pipe (journald,
 * `docker logs`, `npm start > app.log`) that keeps it and may be shared, so the key is not printed there.
 */
export function startupBanner(
  config: Config,
  database: Pick<Database, "dataDir" | "seeded">,
  { terminal }: { terminal: boolean } = { terminal: false },
): string[] {
  if (config.mode === "hosted") {
    return [
      `Frontdesk is running in hosted mode`,
      `  database  Supabase Postgres (DATABASE_URL)`,
      `  open      ${config.appUrl}`,
      config.email.apiUrl ? `  email     sent through EMAIL_API_URL` : `  email     EMAIL_API_URL is not set: invitation emails stay queued in the outbox`,
      // Route handlers cannot see the socket, so with no trusted proxy no client's address is known and per-address limits are off.
      config.trustedProxyHops > 0
        ? `  clients   addresses read from X-Forwarded-For behind ${config.trustedProxyHops} trusted prox${config.trustedProxyHops === 1 ? "y" : "ies"}`
        : `  clients   TRUSTED_PROXY_HOPS is 0: no client's address is known, so sign-in, sign-up and reset limits count per email only; set it to the number of proxies in front (1 on Vercel)`,
    ];
  }
  return [
    `Frontdesk is running in embedded mode (no account or key needed)`,
    `  database  PGlite in ${path.relative(process.cwd(), database.dataDir ?? "") || database.dataDir}${database.seeded ? " (new: migrated and seeded with demo data)" : ""}`,
    `  open      ${config.appUrl}`,
    `  demo      sign in as ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`,
    // The operator's key to the whole local mailbox. The banner goes to stdout, as log lines do, so anything that
    // captures stdout would keep the key: it is printed only to a terminal; otherwise the banner names the key file.
    !localMailboxServed(config)
      ? `  mailbox   not served: the server listens on ${config.listenHost ?? "every address"}, not on this machine only (set HOST=127.0.0.1)`
      : terminal
        ? `  mailbox   ${operatorMailboxUrl(config)} (password resets and invitations land here; this link is your key to them)`
        : `  mailbox   ${config.appUrl}/mailbox#key=<the key in ${keyFileEnsured(config)}> (not printed here: this output is not a terminal)`,
  ];
}

/** The key file's path, the key generated first if there is none yet, so the file named is there to read. */
function keyFileEnsured(config: Config): string {
  mailboxOperatorKey(config);
  return mailboxOperatorKeyFile(config);
}

/** Opens the database at boot (so the first request does not pay for it) and prints the mode and how to sign in. */
export async function announceStartup() {
  const config = getConfig();
  try {
    const database = await getDatabase();
    startEmailSender();
    startKnowledgeWorker();
    startAgentSweeper();
    startInboxJobs();
    const lines = startupBanner(config, database, { terminal: process.stdout.isTTY === true });
    if (config.logLevel !== "silent") process.stdout.write(`\n${lines.join("\n")}\n\n`);
  } catch (error) {
    log.error("startup.database_failed", { error });
    if (config.mode === "embedded") throw error;
  }
}
