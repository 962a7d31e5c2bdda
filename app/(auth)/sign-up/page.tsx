import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/components/auth/safe-next";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUser } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser()) redirect(next ?? "/");
  return <SignUpForm next={next} />;
}
