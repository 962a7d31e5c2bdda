"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiRequestError, apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { AuthCard } from "./auth-card";
import { PasswordField } from "./password-field";
import { passwordChecks, PasswordStrength } from "./password-strength";

export function ResetPasswordForm({ token, mode }: { token: string | null; mode: "embedded" | "hosted" }) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [linkProblem, setLinkProblem] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  if (mode === "embedded" && !token) {
    return (
      <AuthCard
        title="Open the link from your email"
        description="This page needs the one-time link from the password reset email. Request a new one if you can't find it."
      >
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link href="/forgot-password" className={buttonVariants()}>
            Request a reset link
          </Link>
          <Link href="/mailbox" className={buttonVariants({ variant: "outline" })}>
            Open the local mailbox
          </Link>
        </div>
      </AuthCard>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setLinkProblem(false);
    const errors: Record<string, string> = {};
    const { ok, problems } = passwordChecks(password, "");
    if (!ok) errors.password = `Choose a stronger password: ${problems.join("; ")}.`;
    if (password !== confirm) errors.confirm = "The two passwords do not match.";
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      document.getElementById(errors.password ? "password" : "confirm")?.focus();
      return;
    }
    setPending(true);
    try {
      await apiRequest("/api/auth/password/reset", noContent, {
        method: "POST",
        body: token ? { token, password } : { password },
      });
      router.replace("/");
      router.refresh();
    } catch (error) {
      setPending(false);
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) {
        setFieldErrors(error.fieldMessages());
        setLinkProblem(error.code === "invalid_token" || error.status === 401);
      }
    }
  }

  return (
    <AuthCard
      title="Choose a new password"
      description="Pick something you don't use anywhere else."
      footer={
        <Link href="/sign-in" className="font-medium text-link underline-offset-4 hover:underline">
          Back to sign in
        </Link>
      }
    >
      <form onSubmit={submit} noValidate className="space-y-5">
        <FormError message={formError} />
        {linkProblem ? (
          <p className="text-body-sm">
            <Link href="/forgot-password" className="font-medium text-link underline-offset-4 hover:underline">
              Request a new reset link
            </Link>
          </p>
        ) : null}
        <PasswordField
          id="password"
          label="New password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
          hint={<PasswordStrength password={password} email="" />}
        />
        <PasswordField
          id="confirm"
          label="Repeat the new password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={fieldErrors.confirm}
        />
        <Button type="submit" className="w-full" loading={pending}>
          {pending ? "Saving…" : "Save new password"}
        </Button>
      </form>
    </AuthCard>
  );
}
