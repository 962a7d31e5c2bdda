import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Logo } from "@/components/brand/logo";
import { OnboardingForm } from "@/components/business/onboarding-form";
import { ThemeCycleButton } from "@/components/theme/theme-toggle";
import { currentUser, listMyBusinessesForCurrentUser } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Set up your business" };

export default async function OnboardingPage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in?next=%2Fonboarding");
  const businesses = await listMyBusinessesForCurrentUser();
  const first = businesses[0];
  const firstName = user.fullName.trim().split(/\s+/)[0];

  return (
    <div className="min-h-dvh">
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-4xl items-center justify-between gap-2 px-4 py-3 sm:px-6">
          <Logo hideWordmarkOnMobile />
          <div className="flex items-center gap-1">
            <ThemeCycleButton />
            <SignOutButton size="sm" />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 py-8 sm:px-6 sm:py-12">
        {first ? (
          <Link
            href={`/b/${first.id}/inbox`}
            className="mb-6 inline-flex items-center gap-1.5 text-body-sm font-medium text-link underline-offset-4 hover:underline"
          >
            <ArrowLeft className="size-4" aria-hidden="true" />
            Back to {first.name}
          </Link>
        ) : null}
        <div className="mb-8 space-y-2">
          <h1 className="text-h2 text-heading sm:text-h1">
            {first ? "Create another business" : firstName ? `Welcome, ${firstName}. Let's set up your front desk.` : "Let's set up your front desk."}
          </h1>
          <p className="max-w-2xl text-body-lg text-muted-foreground">
            Tell us the basics. You can change all of this later in Settings.
          </p>
        </div>
        <OnboardingForm />
      </main>
    </div>
  );
}
