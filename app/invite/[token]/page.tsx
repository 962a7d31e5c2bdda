import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { InviteAccept } from "@/components/invite/invite-accept";
import { ThemeCycleButton } from "@/components/theme/theme-toggle";
import { currentUser } from "@/lib/businesses/context";
import { previewInvitationForVisitor } from "@/lib/teams/context";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await currentUser();
  const visitorPreview = user ? null : await previewInvitationForVisitor(token);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-4 py-3 sm:px-6">
        <Link href="/" className="rounded-lg" aria-label="Frontdesk home">
          <Logo />
        </Link>
        <ThemeCycleButton />
      </header>
      <main id="main" className="flex flex-1 justify-center px-4 pt-4 pb-16 sm:items-center sm:pt-0">
        <div className="w-full max-w-md animate-slide-up">
          <InviteAccept token={token} signedInAs={user?.email ?? null} visitorPreview={visitorPreview} />
        </div>
      </main>
    </div>
  );
}
