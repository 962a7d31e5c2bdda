import type { Metadata } from "next";
import { connection } from "next/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  // The mode is read at request time, not frozen into a build-time prerender.
  await connection();
  return <ForgotPasswordForm mode={getConfig().mode} />;
}
