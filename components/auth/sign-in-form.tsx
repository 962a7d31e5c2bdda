"use client";

import { KeyRound, Mail, MailCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiRequestError, apiRequest, errorMessage, noContent } from "@/components/api/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { AuthCard, GoogleIcon } from "./auth-card";
import { PasswordField } from "./password-field";
import { withNext } from "./safe-next";

const DEMO_EMAIL = "demo@frontdesk.local";
const DEMO_PASSWORD = "Frontdesk-Demo-2026";

export function SignInForm({
  next,
  mode,
  googleEnabled,
}: {
  next: string | null;
  mode: "embedded" | "hosted";
  googleEnabled: boolean;
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState<"password" | "magic" | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [magicSentTo, setMagicSentTo] = useState<string | null>(null);

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setFieldErrors({});
    setPending("password");
    try {
      await apiRequest("/api/auth/sign-in", noContent, { method: "POST", body: { email: email.trim(), password } });
      router.replace(next ?? "/");
      router.refresh();
    } catch (error) {
      setPending(null);
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    }
  }

  async function sendMagicLink() {
    setFormError(null);
    setFieldErrors({});
    const address = email.trim();
    if (!address) {
      setFieldErrors({ email: "Enter your email address first." });
      document.getElementById("email")?.focus();
      return;
    }
    setPending("magic");
    try {
      await apiRequest("/api/auth/magic-link", noContent, { method: "POST", body: { email: address } });
      setMagicSentTo(address);
    } catch (error) {
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    } finally {
      setPending(null);
    }
  }

  if (magicSentTo) {
    return (
      <AuthCard title="Check your email" description={<>We sent a sign-in link to <strong className="text-heading">{magicSentTo}</strong>. Open it on this device to continue.</>}>
        <div className="flex flex-col gap-3">
          <MailCheck className="size-10 text-success" aria-hidden="true" />
          <Button variant="outline" onClick={() => setMagicSentTo(null)}>
            Use a different method
          </Button>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Sign in"
      description="Welcome back to your front desk."
      footer={
        <>
          New to Frontdesk?{" "}
          <Link href={withNext("/sign-up", next)} className="font-medium text-link underline-offset-4 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={signIn} noValidate className="space-y-5">
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
          error={fieldErrors.email}
        />
        <div className="space-y-1">
          <PasswordField
            id="password"
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldErrors.password}
          />
          <div className="text-right">
            <Link href="/forgot-password" className="text-body-sm font-medium text-link underline-offset-4 hover:underline">
              Forgot password?
            </Link>
          </div>
        </div>
        <Button type="submit" className="w-full" loading={pending === "password"} disabled={pending !== null}>
          {pending === "password" ? "Signing in…" : "Sign in"}
        </Button>
      </form>

      {mode === "hosted" ? (
        <div className="mt-5 space-y-3">
          <div className="flex items-center gap-3 text-caption text-muted-foreground" aria-hidden="true">
            <span className="h-px flex-1 bg-border" />
            or
            <span className="h-px flex-1 bg-border" />
          </div>
          <Button variant="outline" className="w-full" onClick={sendMagicLink} loading={pending === "magic"} disabled={pending !== null}>
            {pending === "magic" ? null : <Mail aria-hidden="true" />}
            Email me a magic link
          </Button>
          {googleEnabled ? (
            <a
              href={next ? `/api/auth/google?next=${encodeURIComponent(next)}` : "/api/auth/google"}
              className={cn(buttonVariants({ variant: "outline" }), "w-full")}
            >
              <GoogleIcon />
              Continue with Google
            </a>
          ) : null}
        </div>
      ) : (
        <aside aria-labelledby="demo-heading" className="mt-6 rounded-lg border border-border bg-surface-muted p-4 text-body-sm">
          <h2 id="demo-heading" className="flex items-center gap-2 font-semibold text-heading">
            <KeyRound className="size-4" aria-hidden="true" />
            Running Frontdesk locally
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
            <dt className="text-muted-foreground">Email</dt>
            <dd className="font-mono break-all text-foreground">{DEMO_EMAIL}</dd>
            <dt className="text-muted-foreground">Password</dt>
            <dd className="font-mono break-all text-foreground">{DEMO_PASSWORD}</dd>
          </dl>
          <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
            <Button
              variant="outline"
              size="sm"
              onClick={() => {
                setEmail(DEMO_EMAIL);
                setPassword(DEMO_PASSWORD);
              }}
            >
              Fill in the demo login
            </Button>
            <Link href="/mailbox" className="font-medium text-link underline-offset-4 hover:underline">
              Open the local mailbox
            </Link>
          </div>
        </aside>
      )}
    </AuthCard>
  );
}
