"use client";

import { Check, Circle } from "lucide-react";
import { passwordProblems, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { cn } from "@/components/ui/cn";

function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
}

/** The two rules people can work towards, plus anything else the shared policy objects to. */
export function passwordChecks(password: string, email: string) {
  const longEnough = password.length >= PASSWORD_MIN_LENGTH;
  const varied = password.length >= 16 || characterClasses(password) >= 3;
  const rules = [
    { id: "length", label: `At least ${PASSWORD_MIN_LENGTH} characters`, met: longEnough },
    { id: "variety", label: "Three of: lowercase, uppercase, digits, symbols — or 16+ characters", met: varied },
  ];
  const problems = passwordProblems(password, email);
  const others = problems.filter((problem) => !problem.startsWith("use at least") && !problem.startsWith("mix at least"));
  return { rules, others, problems, ok: problems.length === 0 };
}

/** Live hints under a new-password field (pass it as the field's hint so it is announced with the field). */
export function PasswordStrength({ password, email }: { password: string; email: string }) {
  const { rules, others, ok } = passwordChecks(password, email);
  return (
    <div className="space-y-1.5">
      <ul className="space-y-1 text-body-sm">
        {rules.map((rule) => (
          <li key={rule.id} className={cn("flex items-start gap-2", rule.met ? "text-success" : "text-muted-foreground")}>
            {rule.met ? (
              <Check className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            ) : (
              <Circle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            )}
            <span>
              {rule.label}
              <span className="sr-only">{rule.met ? " (done)" : " (not yet)"}</span>
            </span>
          </li>
        ))}
        {password.length > 0
          ? others.map((problem) => (
              <li key={problem} className="flex items-start gap-2 text-danger">
                <Circle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                <span>{problem.charAt(0).toUpperCase() + problem.slice(1)}</span>
              </li>
            ))
          : null}
      </ul>
      <p className="sr-only" aria-live="polite">
        {password.length === 0 ? "" : ok ? "Password meets the requirements." : "Password does not meet the requirements yet."}
      </p>
    </div>
  );
}
