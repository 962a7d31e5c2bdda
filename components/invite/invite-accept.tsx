"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleX, Clock, UsersRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { withNext } from "@/components/auth/safe-next";
import { useSignOut } from "@/components/auth/sign-out-button";
import { dateFormatter, formatDate } from "@/components/format/dates";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { Skeleton } from "@/components/ui/skeleton";

const invitationSchema = z.object({
  businessName: z.string(),
  role: z.string(),
  expiresAt: z.string(),
  status: z.enum(["valid", "used", "expired", "revoked"]),
  /** The only address that may accept it, or null for a link whoever holds it may use. */
  email: z.string().nullable(),
});
const acceptedSchema = z.object({ businessId: z.string() });

const ROLE_PHRASE: Record<string, string> = { owner: "an owner", admin: "an admin", agent: "an agent" };

const UNUSABLE: Record<"used" | "expired" | "revoked", { title: string; body: string }> = {
  used: { title: "This invitation has already been used", body: "Each invitation link works once. Ask the person who invited you for a new link." },
  expired: { title: "This invitation has expired", body: "Ask the person who invited you to send a new link." },
  revoked: { title: "This invitation was withdrawn", body: "The business cancelled this link. Ask them for a new one if you still need access." },
};

type InvitationPreview = z.infer<typeof invitationSchema>;

export function InviteAccept({
  token,
  signedInAs,
  visitorPreview,
}: {
  token: string;
  signedInAs: string | null;
  /** For signed-out visitors, read on the server: which business invited them and whether the link still works. */
  visitorPreview: InvitationPreview | null;
}) {
  const router = useRouter();
  const here = `/invite/${encodeURIComponent(token)}`;
  const switchAccount = useSignOut(withNext("/sign-in", here));
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const [alreadyMember, setAlreadyMember] = useState(false);
  const query = useQuery({
    queryKey: ["invitation", token],
    queryFn: ({ signal }) => apiRequest(`/api/invitations/${encodeURIComponent(token)}`, invitationSchema, { signal }),
    retry: false,
    // The preview runs as the signed-in user (row-level security), so signed-out visitors sign in first.
    enabled: signedInAs !== null,
  });

  async function accept() {
    setAccepting(true);
    setAcceptError(null);
    try {
      const { businessId } = await apiRequest(`/api/invitations/${encodeURIComponent(token)}/accept`, acceptedSchema, { method: "POST" });
      router.push(`/b/${businessId}/inbox`);
      router.refresh();
    } catch (error) {
      setAccepting(false);
      setAcceptError(errorMessage(error));
      setAlreadyMember(error instanceof ApiRequestError && error.code === "already_member");
      // A link that just stopped working (used, expired, revoked) re-reads its status so the page stops offering Join.
      if (error instanceof ApiRequestError && (error.status === 410 || error.code === "invitation_used")) void query.refetch();
    }
  }

  const sessionMissing = query.isError && query.error instanceof ApiRequestError && query.error.status === 401;
  if ((!signedInAs || sessionMissing) && visitorPreview && visitorPreview.status !== "valid") {
    return <UnusableInvitation status={visitorPreview.status} />;
  }
  if (!signedInAs || sessionMissing) {
    return (
      <Card className="p-6 shadow-base sm:p-8">
        <span className="flex size-12 items-center justify-center rounded-full bg-secondary text-heading" aria-hidden="true">
          <UsersRound className="size-6" />
        </span>
        {visitorPreview ? (
          <>
            <h1 className="mt-4 text-h3 text-heading">Join {visitorPreview.businessName} on Frontdesk</h1>
            <p className="mt-2 text-muted-foreground">
              You&apos;re invited as {ROLE_PHRASE[visitorPreview.role] ?? visitorPreview.role}. Sign in, or create a free
              account, to accept. You will come straight back to this page.
            </p>
            {visitorPreview.email ? <InvitedAddress email={visitorPreview.email} /> : null}
          </>
        ) : (
          <>
            <h1 className="mt-4 text-h3 text-heading">You&apos;ve been invited to a team on Frontdesk</h1>
            <p className="mt-2 text-muted-foreground">
              Sign in, or create a free account, to see which business invited you and to accept. You will come straight
              back to this page.
            </p>
          </>
        )}
        <div className="mt-6 flex flex-col gap-3 sm:flex-row">
          <Link href={withNext("/sign-up", here)} className={buttonVariants({ className: "flex-1" })}>
            Create an account
          </Link>
          <Link href={withNext("/sign-in", here)} className={buttonVariants({ variant: "secondary", className: "flex-1" })}>
            Sign in
          </Link>
        </div>
      </Card>
    );
  }

  if (query.isPending) {
    return (
      <Card className="space-y-4 p-6 sm:p-8" role="status" aria-label="Loading the invitation">
        <Skeleton className="size-12 rounded-full" />
        <Skeleton className="h-8 w-3/4" />
        <Skeleton className="h-5 w-1/2" />
        <Skeleton className="h-12 w-full" />
      </Card>
    );
  }

  if (query.isError) {
    const notFound = query.error instanceof ApiRequestError && query.error.status === 404;
    return (
      <Card className="p-6 sm:p-8">
        <CircleX className="size-10 text-danger" aria-hidden="true" />
        <h1 className="mt-4 text-h3 text-heading">{notFound ? "This invitation link doesn't work" : "We couldn't open this invitation"}</h1>
        <p className="mt-2 text-muted-foreground">
          {notFound ? "Check that you copied the whole link, or ask for a new one." : errorMessage(query.error)}
        </p>
        {!notFound ? (
          <Button variant="outline" className="mt-6" onClick={() => void query.refetch()}>
            Try again
          </Button>
        ) : null}
      </Card>
    );
  }

  const invitation = query.data;
  const rolePhrase = ROLE_PHRASE[invitation.role] ?? invitation.role;

  if (invitation.status !== "valid") return <UnusableInvitation status={invitation.status} />;

  const expires = formatDate(invitation.expiresAt, dateFormatter({ dateStyle: "long" }));
  // Signs out and comes back here through sign-in; a failed sign-out is shown where a failed Join would be.
  const onSwitchAccount = () => void switchAccount().catch((error: unknown) => setAcceptError(errorMessage(error)));
  const switchAccountButton = (label: string) => (
    <button
      type="button"
      onClick={onSwitchAccount}
      className="font-medium text-link underline-offset-4 hover:underline"
    >
      {label}
    </button>
  );

  // The server accepts it only for the invited address, so someone else is told why instead of offered a Join button.
  if (invitation.email && invitation.email.toLowerCase() !== signedInAs.toLowerCase()) {
    return (
      <Card className="p-6 shadow-base sm:p-8">
        <span className="flex size-12 items-center justify-center rounded-full bg-secondary text-heading" aria-hidden="true">
          <UsersRound className="size-6" />
        </span>
        <h1 className="mt-4 text-h3 break-words text-heading">This invitation is for {invitation.email}</h1>
        <p className="mt-2 text-muted-foreground">
          {invitation.businessName} invited {invitation.email} to join as {rolePhrase}. You&apos;re signed in as{" "}
          <span className="font-medium text-foreground">{signedInAs}</span>, so this link won&apos;t work for you. Sign in
          with {invitation.email} to accept it, or ask {invitation.businessName} for an invitation to your own address.
        </p>
        <div className="mt-6 space-y-4">
          <FormError message={acceptError} />
          <Button className="w-full" onClick={onSwitchAccount}>
            Sign in as {invitation.email}
          </Button>
          <Link href="/" className={buttonVariants({ variant: "outline", className: "w-full" })}>
            Go to your businesses
          </Link>
        </div>
      </Card>
    );
  }

  return (
    <Card className="p-6 shadow-base sm:p-8">
      <span className="flex size-12 items-center justify-center rounded-full bg-secondary text-heading" aria-hidden="true">
        <UsersRound className="size-6" />
      </span>
      <h1 className="mt-4 text-h3 break-words text-heading">
        Join {invitation.businessName} as {rolePhrase}
      </h1>
      <p className="mt-2 text-muted-foreground">
        You have been invited to help run {invitation.businessName}&apos;s front desk on Frontdesk. This invitation expires on{" "}
        {expires}.
      </p>
      {invitation.email ? <InvitedAddress email={invitation.email} /> : null}
      <div className="mt-6 space-y-4">
        <FormError message={acceptError} />
        {alreadyMember ? (
          <Link href="/" className={buttonVariants({ variant: "outline", className: "w-full" })}>
            Go to your businesses
          </Link>
        ) : null}
        <Button className="w-full" onClick={accept} loading={accepting}>
          {accepting ? "Joining…" : `Join ${invitation.businessName}`}
        </Button>
        <p className="text-center text-body-sm text-muted-foreground">
          Signed in as <span className="font-medium text-foreground">{signedInAs}</span>. {switchAccountButton("Use another account")}
        </p>
      </div>
    </Card>
  );
}

/** Says whom an invitation is for: only an account with that address can accept it. */
function InvitedAddress({ email }: { email: string }) {
  return (
    <p className="mt-2 text-body-sm break-words text-muted-foreground">
      This invitation is for <span className="font-medium text-foreground">{email}</span>: only an account with that
      address can accept it.
    </p>
  );
}

function UnusableInvitation({ status }: { status: "used" | "expired" | "revoked" }) {
  const copy = UNUSABLE[status];
  return (
    <Card className="p-6 sm:p-8">
      <Clock className="size-10 text-warning" aria-hidden="true" />
      <h1 className="mt-4 text-h3 text-heading">{copy.title}</h1>
      <p className="mt-2 text-muted-foreground">{copy.body}</p>
      <Link href="/" className={buttonVariants({ variant: "outline", className: "mt-6" })}>
        Go to Frontdesk
      </Link>
    </Card>
  );
}
