"use client";

import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useEffect, useSyncExternalStore } from "react";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { MAILBOX_KEY_HEADER } from "@/lib/email/mailbox-api";
import { EmailBrowser, emailSchema } from "./email-browser";

const mailboxSchema = z.object({ viewer: z.enum(["operator", "member"]), emails: z.array(emailSchema) });

/** Kept for the tab, so coming back from a reset link still opens the whole mailbox. */
const KEY_STORAGE = "frontdesk-mailbox-key";

const keyFromFragment = () => new URLSearchParams(window.location.hash.slice(1)).get("key");
const readKey = () => keyFromFragment() ?? window.sessionStorage.getItem(KEY_STORAGE);
// The link may be opened in a tab already on /mailbox: only the fragment changes then, and the page does not reload.
const onHashChange = (changed: () => void) => {
  window.addEventListener("hashchange", changed);
  return () => window.removeEventListener("hashchange", changed);
};

/**
 * The operator key from the link printed on the startup banner (`/mailbox#key=…`). It travels in the fragment (never
 * in an access log or a Referer), is kept in this tab's session storage, and leaves the address bar at once.
 * Undefined until the page runs in the browser.
 */
function useOperatorKey(): string | null | undefined {
  const key = useSyncExternalStore(onHashChange, readKey, () => undefined);
  useEffect(() => {
    const fromFragment = keyFromFragment();
    if (!fromFragment) return;
    window.sessionStorage.setItem(KEY_STORAGE, fromFragment);
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${window.location.search}`);
  }, [key]);
  return key;
}

/**
 * The local mailbox (embedded mode), polled so new emails appear by themselves. With the operator key: every email;
 * signed in: their businesses' and their own account email; otherwise a word on where the link is.
 */
export function MailboxView() {
  const key = useOperatorKey();
  const query = useQuery({
    queryKey: ["dev-mailbox", key ? "operator" : "member"],
    queryFn: ({ signal }) => apiRequest("/api/dev/mailbox", mailboxSchema, { signal, headers: key ? { [MAILBOX_KEY_HEADER]: key } : {} }),
    enabled: key !== undefined,
    refetchInterval: (q) => (q.state.error ? false : 5000),
    retry: (count, error) => !(error instanceof ApiRequestError && error.status === 401) && count < 2,
  });

  if (query.error instanceof ApiRequestError && query.error.status === 401) {
    const badKey = query.error.code === "invalid_token";
    return (
      <EmptyState
        icon={KeyRound}
        title={badKey ? "This mailbox link is not valid" : "Open the mailbox link from the terminal"}
        action={
          <Link href="/sign-in?next=%2Fmailbox" className={buttonVariants({ variant: "outline" })}>
            Sign in to see your own email
          </Link>
        }
      >
        <p>
          {badKey
            ? "The key in this link does not match this Frontdesk (was its data folder reset?)."
            : "Password-reset links and invitations are for the person they were sent to."}{" "}
          The whole mailbox opens with the link printed in the terminal where Frontdesk runs, next to “mailbox”.
        </p>
        <p>Signed in, you see the email of the businesses you manage and your own account email (password resets).</p>
      </EmptyState>
    );
  }

  return (
    <div className="space-y-4">
      {query.data ? (
        <p className="text-body-sm text-muted-foreground">
          {query.data.viewer === "operator"
            ? "You opened the operator link: this is every email Frontdesk has sent on this machine."
            : "Showing the email of the businesses you manage and your own account email (password resets). Invitations are with whoever invited you, and the link printed in the terminal where Frontdesk runs shows all of it."}
        </p>
      ) : null}
      <EmailBrowser
        emails={query.data?.emails}
        isLoading={query.isPending}
        error={query.isError ? errorMessage(query.error) : null}
        onRefresh={() => void query.refetch()}
        isRefreshing={query.isFetching && !query.isPending}
        empty={
          <p>
            Password resets, invitations and other emails land here while Frontdesk runs locally. This page checks for new
            mail every few seconds.
          </p>
        }
      />
    </div>
  );
}
