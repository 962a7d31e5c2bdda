import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/components/auth/safe-next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/businesses/context";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next ?? "/");
  const config = getConfig();
  return <SignInForm next={next} mode={config.mode} googleEnabled={config.supabase?.googleEnabled ?? false} />;
}
