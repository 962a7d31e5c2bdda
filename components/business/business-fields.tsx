"use client";

import { useId, useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import { describedBy } from "@/components/ui/field";
import { FieldError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { VERTICAL_INFO, VERTICALS, type Vertical } from "./verticals";

const noopSubscribe = () => () => {};

/** Vertical as a set of radio cards with icons. */
export function VerticalPicker({
  value,
  onChange,
  error,
  disabled = false,
}: {
  value: Vertical;
  onChange: (value: Vertical) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={errorId} disabled={disabled}>
      <legend className="mb-2 text-body-sm font-medium text-heading">What kind of business is it?</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
        {VERTICALS.map((vertical) => {
          const { label, example, icon: Icon } = VERTICAL_INFO[vertical];
          return (
            <label
              key={vertical}
              className={cn(
                "group relative flex min-h-24 cursor-pointer flex-col gap-1 rounded-xl border-[1.5px] border-border bg-surface p-3 transition-all duration-150 ease-out",
                "hover:border-input has-checked:border-primary has-checked:bg-secondary has-checked:shadow-sm",
                "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring",
                "has-disabled:cursor-not-allowed has-disabled:opacity-60",
              )}
            >
              <input
                type="radio"
                name={name}
                value={vertical}
                checked={value === vertical}
                onChange={() => onChange(vertical)}
                className="sr-only"
              />
              <Icon className="size-6 text-heading" aria-hidden="true" />
              <span className="font-medium text-heading">{label}</span>
              <span className="text-caption font-normal text-muted-foreground group-has-checked:text-secondary-foreground">
                {example}
              </span>
            </label>
          );
        })}
      </div>
      <FieldError id={errorId} message={error} className="mt-2" />
    </fieldset>
  );
}

type ZoneOption = { value: string; label: string };
type ZoneGroup = { region: string; zones: ZoneOption[] };

let cachedZoneGroups: ZoneGroup[] | null = null;

function offsetOf(timeZone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName");
    return part?.value === "GMT" ? "GMT+00:00" : (part?.value ?? "");
  } catch {
    return "";
  }
}

/** Every IANA zone the browser knows, grouped by region, with its current UTC offset. Computed once. */
function zoneGroups(): ZoneGroup[] {
  if (cachedZoneGroups) return cachedZoneGroups;
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  const now = new Date();
  const groups = new Map<string, ZoneOption[]>();
  for (const zone of [...zones].sort()) {
    const [region = "Other", ...rest] = zone.split("/");
    const place = rest.length > 0 ? rest.join(" / ").replaceAll("_", " ") : region;
    const key = rest.length > 0 ? region : "Other";
    const list = groups.get(key) ?? [];
    list.push({ value: zone, label: `${place} (${offsetOf(zone, now)})` });
    groups.set(key, list);
  }
  cachedZoneGroups = [...groups.entries()].map(([region, list]) => ({ region, zones: list }));
  return cachedZoneGroups;
}

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The browser's own time zone; "UTC" while rendering on the server. */
export function useBrowserTimeZone(): string {
  return useSyncExternalStore(noopSubscribe, browserTimeZone, () => "UTC");
}

const emptyGroups: ZoneGroup[] = [];

/**
 * Time zone picker. The long list is built in the browser only (servers and browsers ship different zone
 * lists, which would break hydration); until then the select holds just the current value.
 */
export function TimeZoneSelect({
  id,
  value,
  onChange,
  error,
  disabled = false,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const groups = useSyncExternalStore(noopSubscribe, zoneGroups, () => emptyGroups);
  const known = groups.some((group) => group.zones.some((zone) => zone.value === value));
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>Time zone</Label>
      <Select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true)}
        disabled={disabled}
      >
        {!known ? <option value={value}>{value}</option> : null}
        {groups.map((group) => (
          <optgroup key={group.region} label={group.region}>
            {group.zones.map((zone) => (
              <option key={zone.value} value={zone.value}>
                {zone.label}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      <p id={`${id}-hint`} className="text-body-sm text-muted-foreground">
        Opening hours and bookings are in this zone.
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

const COMMON_CURRENCIES: [code: string, name: string][] = [
  ["USD", "US dollar"],
  ["EUR", "Euro"],
  ["GBP", "British pound"],
  ["CAD", "Canadian dollar"],
  ["AUD", "Australian dollar"],
  ["NZD", "New Zealand dollar"],
  ["CHF", "Swiss franc"],
  ["SEK", "Swedish krona"],
  ["NOK", "Norwegian krone"],
  ["DKK", "Danish krone"],
  ["PLN", "Polish złoty"],
  ["TRY", "Turkish lira"],
  ["INR", "Indian rupee"],
  ["PKR", "Pakistani rupee"],
  ["AED", "UAE dirham"],
  ["SAR", "Saudi riyal"],
  ["EGP", "Egyptian pound"],
  ["NGN", "Nigerian naira"],
  ["KES", "Kenyan shilling"],
  ["GHS", "Ghanaian cedi"],
  ["ZAR", "South African rand"],
  ["SGD", "Singapore dollar"],
  ["MYR", "Malaysian ringgit"],
  ["PHP", "Philippine peso"],
  ["IDR", "Indonesian rupiah"],
  ["JPY", "Japanese yen"],
  ["CNY", "Chinese yuan"],
  ["HKD", "Hong Kong dollar"],
  ["BRL", "Brazilian real"],
  ["MXN", "Mexican peso"],
];
const OTHER = "__other__";

/** Common currencies in a list, and any other ISO 4217 code typed in. */
export function CurrencyField({
  id,
  value,
  onChange,
  error,
  disabled = false,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const isCommon = COMMON_CURRENCIES.some(([code]) => code === value);
  const otherId = `${id}-other`;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>Currency</Label>
      <Select
        id={id}
        value={isCommon ? value : OTHER}
        onChange={(e) => onChange(e.target.value === OTHER ? "" : e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        disabled={disabled}
      >
        {COMMON_CURRENCIES.map(([code, name]) => (
          <option key={code} value={code}>
            {code} — {name}
          </option>
        ))}
        <option value={OTHER}>Another currency…</option>
      </Select>
      {!isCommon ? (
        <div className="space-y-1.5 pt-1">
          <Label htmlFor={otherId}>Currency code</Label>
          <Input
            id={otherId}
            value={value}
            onChange={(e) => onChange(e.target.value.toUpperCase().replace(/[^A-Z]/g, "").slice(0, 3))}
            maxLength={3}
            placeholder="e.g. THB"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            className="max-w-40 font-mono uppercase"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${otherId}-hint ${id}-error`}
            disabled={disabled}
          />
          <p id={`${otherId}-hint`} className="text-body-sm text-muted-foreground">
            The three-letter ISO 4217 code.
          </p>
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A BCP 47 language tag ("en-GB") or null when it is not one. */
export function canonicalLocale(value: string): string | null {
  try {
    return Intl.getCanonicalLocales(value.trim())[0] ?? null;
  } catch {
    return null;
  }
}

export function validCurrency(value: string): boolean {
  return /^[A-Z]{3}$/.test(value);
}
