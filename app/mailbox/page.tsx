import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Logo } from "@/components/brand/logo";
import { MailboxView } from "@/components/email/mailbox-view";
import { ThemeCycleButton } from "@/components/theme/theme-toggle";
import { localMailboxServed } from "@/lib/email/local-mailbox";

export const metadata: Metadata = { title: "Local mailbox", robots: { index: false } };

/**
 * Embedded mode only, and only while the server listens on this machine: the emails the app would have sent (like
 * Supabase's Inbucket). Who sees which email is decided by the API (lib/email/local-mailbox). Hosted mode has no such page.
 */
export default async function MailboxPage() {
  await connection();
  if (!localMailboxServed()) notFound();
  return (
    <div className="min-h-dvh">
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3 sm:px-6">
          <Link href="/" aria-label="Frontdesk home" className="rounded-lg">
            <Logo />
          </Link>
          <ThemeCycleButton />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-10">
        <div className="mb-6 space-y-1">
          <h1 className="text-h3 text-heading sm:text-h2">Local mailbox</h1>
          <p className="max-w-2xl text-body text-muted-foreground">
            Frontdesk is running locally, so it does not send real email: what it would have sent lands here, newest
            first. Open a message to follow its links.
          </p>
        </div>
        <MailboxView />
      </main>
    </div>
  );
}
