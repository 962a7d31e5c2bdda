"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { canonicalLocale, CurrencyField, TimeZoneSelect, useBrowserTimeZone, VerticalPicker, validCurrency } from "./business-fields";
import { DEFAULT_OPENING_HOURS, normalizeOpeningHours, openingHoursProblems, type OpeningHours } from "./opening-hours";
import { OpeningHoursEditor } from "./opening-hours-editor";
import type { Vertical } from "./verticals";

const createdBusiness = z.object({ business: z.object({ id: z.string() }) });

export function OnboardingForm() {
  const router = useRouter();
  const detectedTimeZone = useBrowserTimeZone();
  const [name, setName] = useState("");
  const [vertical, setVertical] = useState<Vertical>("salon");
  const [chosenTimeZone, setChosenTimeZone] = useState<string | null>(null);
  const [currency, setCurrency] = useState("USD");
  const [hours, setHours] = useState<OpeningHours>(DEFAULT_OPENING_HOURS);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const timeZone = chosenTimeZone ?? detectedTimeZone;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = "Give your business a name.";
    if (!validCurrency(currency)) errors.currency = "Enter a three-letter currency code, like USD.";
    if (Object.keys(openingHoursProblems(hours)).length > 0) errors.openingHours = "Fix the opening hours marked below.";
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setFormError("Some details need another look.");
      if (errors.name) document.getElementById("business-name")?.focus();
      return;
    }
    setPending(true);
    try {
      const locale = canonicalLocale(navigator.language);
      const { business } = await apiRequest("/api/businesses", createdBusiness, {
        method: "POST",
        body: {
          name: name.trim(),
          vertical,
          timeZone,
          currency,
          ...(locale ? { locale } : {}),
          openingHours: normalizeOpeningHours(hours),
        },
      });
      router.push(`/b/${business.id}/inbox`);
      router.refresh();
    } catch (error) {
      setPending(false);
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <FormError message={formError} />
      <Card>
        <CardHeader>
          <CardTitle>Your business</CardTitle>
          <CardDescription>The assistant introduces itself with this name.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <TextField
            id="business-name"
            label="Business name"
            autoComplete="organization"
            placeholder="e.g. Ada's Salon"
            required
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldErrors.name}
          />
          <VerticalPicker value={vertical} onChange={setVertical} error={fieldErrors.vertical} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Time and money</CardTitle>
          <CardDescription>We picked your device&apos;s time zone; change it if the business is elsewhere.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 md:grid-cols-2">
          <TimeZoneSelect id="time-zone" value={timeZone} onChange={setChosenTimeZone} error={fieldErrors.timeZone} />
          <CurrencyField id="currency" value={currency} onChange={setCurrency} error={fieldErrors.currency} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Opening hours</CardTitle>
          <CardDescription>
            The assistant tells customers when you are open and only offers bookings inside these hours. Add a split shift
            for a lunch break.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-2">
          <OpeningHoursEditor value={hours} onChange={setHours} disabled={pending} />
          {fieldErrors.openingHours ? <p className="text-body-sm text-danger">{fieldErrors.openingHours}</p> : null}
        </CardContent>
      </Card>

      <div className="flex justify-end">
        <Button type="submit" loading={pending} className="w-full sm:w-auto">
          {pending ? "Creating…" : "Create business"}
        </Button>
      </div>
    </form>
  );
}
