"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { ApiRequestError, apiRequest, errorMessage } from "@/components/api/client";
import { canonicalLocale, CurrencyField, TimeZoneSelect, validCurrency, VerticalPicker } from "@/components/business/business-fields";
import { normalizeOpeningHours, openingHoursProblems, type OpeningHours } from "@/components/business/opening-hours";
import { OpeningHoursEditor } from "@/components/business/opening-hours-editor";
import { isVertical, type Vertical } from "@/components/business/verticals";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import type { BusinessProfile } from "./business-types";

const updatedBusiness = z.object({ business: z.object({ id: z.string() }) });

export function GeneralSettingsForm({ business }: { business: BusinessProfile }) {
  const router = useRouter();
  const [name, setName] = useState(business.name);
  const [vertical, setVertical] = useState<Vertical>(isVertical(business.vertical) ? business.vertical : "other");
  const [timeZone, setTimeZone] = useState(business.timeZone);
  const [currency, setCurrency] = useState(business.currency);
  const [locale, setLocale] = useState(business.locale ?? "");
  const [hours, setHours] = useState<OpeningHours>(business.openingHours);
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = "The business needs a name.";
    if (!validCurrency(currency)) errors.currency = "Enter a three-letter currency code, like USD.";
    const normalizedLocale = locale.trim() ? canonicalLocale(locale) : null;
    if (locale.trim() && !normalizedLocale) errors.locale = "Use a language tag such as en-GB or es-MX.";
    if (Object.keys(openingHoursProblems(hours)).length > 0) errors.openingHours = "Fix the opening hours marked above.";
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      setFormError("Some details need another look.");
      return;
    }
    setPending(true);
    try {
      await apiRequest(`/api/businesses/${business.id}`, updatedBusiness, {
        method: "PATCH",
        body: {
          name: name.trim(),
          vertical,
          timeZone,
          currency,
          ...(normalizedLocale ? { locale: normalizedLocale } : {}),
          openingHours: normalizeOpeningHours(hours),
        },
      });
      toast.success("Settings saved");
      router.refresh();
    } catch (error) {
      setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setFieldErrors(error.fieldMessages());
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={save} noValidate className="space-y-6">
      <FormError message={formError} />
      <Card>
        <CardHeader>
          <CardTitle>Business profile</CardTitle>
          <CardDescription>How the assistant introduces your business.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <TextField
            id="business-name"
            label="Business name"
            autoComplete="organization"
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
          <CardTitle>Region</CardTitle>
          <CardDescription>Times, prices and dates are shown with these.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 md:grid-cols-2">
          <TimeZoneSelect id="time-zone" value={timeZone} onChange={setTimeZone} error={fieldErrors.timeZone} />
          <CurrencyField id="currency" value={currency} onChange={setCurrency} error={fieldErrors.currency} />
          <TextField
            id="locale"
            label="Language and region (optional)"
            placeholder="e.g. en-GB"
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            value={locale}
            onChange={(e) => setLocale(e.target.value)}
            hint="A language tag such as en-GB or es-MX; it sets how dates and prices are written."
            error={fieldErrors.locale}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Opening hours</CardTitle>
          <CardDescription>The assistant only offers bookings inside these hours, in the time zone above.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-2">
          <OpeningHoursEditor value={hours} onChange={setHours} disabled={pending} />
          {fieldErrors.openingHours ? <p className="text-body-sm text-danger">{fieldErrors.openingHours}</p> : null}
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" loading={pending} className="w-full sm:w-auto">
            {pending ? "Saving…" : "Save changes"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
