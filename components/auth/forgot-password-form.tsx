"use client";

import { MailCheck } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ApiRequestError, apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { AuthCard } from "./auth-card";

export function ForgotPasswordForm({ mode }: { mode: "embedded" | "hosted" }) {
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setFieldError("Enter the email address you signed up with.");
      document.getElementById("email")?.focus();
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      await apiRequest("/api/auth/password/forgot", noContent, { method: "POST", body: { email: address } });
      setSentTo(address);
    } catch (error) {
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldError(error.fieldMessages().email ?? null);
    } finally {
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <AuthCard
        title="Check your email"
        description={
          <>
            If an account exists for <strong className="text-heading">{sentTo}</strong>, a link to choose a new password is
            on its way. It works once and expires soon.
          </>
        }
        footer={
          <Link href="/sign-in" className="font-medium text-link underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        }
      >
        <div role="status" className="flex flex-col items-start gap-4">
          <MailCheck className="size-10 text-success" aria-hidden="true" />
          {mode === "embedded" ? (
            <p className="text-body-sm text-muted-foreground">
              Running locally, emails are not sent: they land in the local mailbox. Open the mailbox link printed in the
              terminal where Frontdesk runs (next to “mailbox”): it carries the key that shows password-reset emails.
            </p>
          ) : null}
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Forgot your password?"
      description="Enter your email and we will send you a link to choose a new one."
      footer={
        <Link href="/sign-in" className="font-medium text-link underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      }
    >
      <form onSubmit={submit} noValidate className="space-y-5">
        <FormError message={formError} />
        <TextField
          id="email"
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError}
        />
        <Button type="submit" className="w-full" loading={pending}>
          {pending ? "Sending…" : "Send reset link"}
        </Button>
      </form>
    </AuthCard>
  );
}
