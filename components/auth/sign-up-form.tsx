"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { AuthCard } from "./auth-card";
import { PasswordField } from "./password-field";
import { passwordChecks, PasswordStrength } from "./password-strength";
import { withNext } from "./safe-next";

const signedUpSchema = z.object({ confirmEmail: z.boolean() });

export function SignUpForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [confirmSentTo, setConfirmSentTo] = useState<string | null>(null);
  const [fullName, setFullName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function signUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const errors: Record<string, string> = {};
    if (!fullName.trim()) errors.fullName = "Tell us your name.";
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = "Enter a valid email address.";
    const { ok, problems } = passwordChecks(password, email);
    if (!ok) errors.password = `Choose a stronger password: ${problems.join("; ")}.`;
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      const first = ["fullName", "email", "password"].find((field) => errors[field]);
      if (first) document.getElementById(first)?.focus();
      return;
    }
    setPending(true);
    try {
      const { confirmEmail } = await apiRequest("/api/auth/sign-up", signedUpSchema, {
        method: "POST",
        body: { fullName: fullName.trim(), email: email.trim(), password },
      });
      if (confirmEmail) {
        // Hosted projects may ask people to confirm their address before the first session.
        setPending(false);
        setConfirmSentTo(email.trim());
        return;
      }
      router.replace(next ?? "/onboarding");
      router.refresh();
    } catch (error) {
      setPending(false);
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    }
  }

  if (confirmSentTo) {
    return (
      <AuthCard title="Check your email" description={`We sent a confirmation link to ${confirmSentTo}.`}>
        <p role="status" className="text-body-sm text-muted-foreground">
          Open the link in that email on this device to finish creating your account; it signs you in and brings you back
          here.
        </p>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Create your account"
      description="Set up an AI front desk for your business in a few minutes."
      footer={
        <>
          Already have an account?{" "}
          <Link href={withNext("/sign-in", next)} className="font-medium text-link underline-offset-4 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={signUp} noValidate className="space-y-5">
        <FormError message={formError} />
        <TextField
          id="fullName"
          label="Full name"
          autoComplete="name"
          required
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          error={fieldErrors.fullName}
        />
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
          error={fieldErrors.email}
        />
        <PasswordField
          id="password"
          label="Password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
          hint={<PasswordStrength password={password} email={email} />}
        />
        <Button type="submit" className="w-full" loading={pending}>
          {pending ? "Creating your account…" : "Create account"}
        </Button>
      </form>
    </AuthCard>
  );
}
