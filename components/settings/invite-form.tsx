"use client";

import { UserPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { FieldError, FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import type { TeamRole } from "./business-types";
import { assignableRoles, ROLE_HELP, ROLE_LABELS } from "./team-roles";

const invitationCreated = z.object({ link: z.string(), invitation: z.object({ id: z.string() }).passthrough() });

/** The invite-by-link form, and once a link is created, the panel that shows it once for copying. */
export function InviteCard({ businessId, viewerRole, onCreated }: { businessId: string; viewerRole: TeamRole; onCreated: () => void }) {
  const [role, setRole] = useState<TeamRole>("agent");
  const [email, setEmail] = useState("");
  const [expiresInDays, setExpiresInDays] = useState("7");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ link: string; email: string | null } | null>(null);

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const address = email.trim();
    if (address && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setFieldErrors({ email: "Enter a valid email address, or leave it empty." });
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const { link } = await apiRequest(`/api/businesses/${businessId}/invitations`, invitationCreated, {
        method: "POST",
        body: { role, ...(address ? { email: address } : {}), expiresInDays: Number(expiresInDays) },
      });
      setCreated({ link, email: address || null });
      setEmail("");
      onCreated();
    } catch (error) {
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    } finally {
      setPending(false);
    }
  }

  const roles = assignableRoles(viewerRole);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite by link</CardTitle>
        <CardDescription>Create a link and send it to your teammate however you like. Each link works once.</CardDescription>
      </CardHeader>
      <CardContent>
        {created ? (
          <div className="space-y-4 rounded-xl border border-border bg-surface-muted p-4" role="status">
            <div>
              <p className="font-medium text-heading">Invitation link created</p>
              <p className="text-body-sm text-muted-foreground">
                Copy it now: for your security it is shown only this once.
                {created.email
                  ? ` Only ${created.email} can accept it, signed in with that address, until it expires. An invitation email is also on its way (see Email outbox).`
                  : " Anyone with the link can join until it expires."}
              </p>
            </div>
            <div className="flex flex-col gap-2 sm:flex-row">
              <Label htmlFor="invite-link" className="sr-only">
                Invitation link
              </Label>
              <Input id="invite-link" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} className="font-mono text-body-sm" />
              <CopyButton text={created.link} label="Copy link" className="sm:w-40" />
            </div>
            <Button variant="ghost" size="sm" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        ) : (
          <form onSubmit={invite} noValidate className="space-y-4">
            <FormError message={formError} />
            <div className="grid gap-4 md:grid-cols-[10rem_minmax(0,1fr)_10rem]">
              <div className="space-y-1.5">
                <Label htmlFor="invite-role">Role</Label>
                <Select
                  id="invite-role"
                  value={role}
                  onChange={(e) => setRole(roles.find((r) => r === e.target.value) ?? "agent")}
                  aria-describedby="invite-role-hint invite-role-error"
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </Select>
                <p id="invite-role-hint" className="text-body-sm text-muted-foreground">
                  {ROLE_HELP[role]}
                </p>
                <FieldError id="invite-role-error" message={fieldErrors.role} />
              </div>
              <TextField
                id="invite-email"
                label="Email (optional)"
                type="email"
                autoComplete="off"
                inputMode="email"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="teammate@example.com"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                hint="Only this address can accept the invitation. Leave it empty for a link anyone who has it can use."
                error={fieldErrors.email}
              />
              <div className="space-y-1.5">
                <Label htmlFor="invite-expiry">Expires after</Label>
                <Select
                  id="invite-expiry"
                  value={expiresInDays}
                  onChange={(e) => setExpiresInDays(e.target.value)}
                  aria-describedby="invite-expiry-error"
                >
                  {[1, 3, 7, 14, 30].map((days) => (
                    <option key={days} value={String(days)}>
                      {days === 1 ? "1 day" : `${days} days`}
                    </option>
                  ))}
                </Select>
                <FieldError id="invite-expiry-error" message={fieldErrors.expiresInDays} />
              </div>
            </div>
            <Button type="submit" loading={pending}>
              {pending ? null : <UserPlus aria-hidden="true" />}
              Create invitation link
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
