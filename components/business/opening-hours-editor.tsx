"use client";

import { Copy, Plus, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import {
  fromMinutes,
  MAX_INTERVALS_PER_DAY,
  openingHoursProblems,
  toMinutes,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type OpeningHours,
  type OpeningInterval,
  type Weekday,
} from "./opening-hours";

/** A small on/off switch; the visible text says the state, the accessible name says what it controls. */
function DaySwitch({ checked, onChange, label }: { checked: boolean; onChange: (checked: boolean) => void; label: string }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      onClick={() => onChange(!checked)}
      className="group inline-flex h-10 items-center gap-2 rounded-lg px-1 text-body-sm font-medium text-foreground"
    >
      <span
        aria-hidden="true"
        className={cn(
          "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 transition-colors duration-150",
          checked ? "border-primary bg-primary" : "border-input bg-surface",
        )}
      >
        <span
          className={cn(
            "inline-block size-4 rounded-full transition-transform duration-150 ease-out",
            checked ? "translate-x-5 bg-primary-foreground" : "translate-x-0.5 bg-input",
          )}
        />
      </span>
      <span aria-hidden="true" className="w-14 text-left">
        {checked ? "Open" : "Closed"}
      </span>
    </button>
  );
}

function nextInterval(intervals: OpeningInterval[]): OpeningInterval {
  const last = intervals[intervals.length - 1];
  if (!last) return { open: "09:00", close: "17:00" };
  const start = Math.min(toMinutes(last.close) + 60, 22 * 60);
  return { open: fromMinutes(start), close: fromMinutes(Math.min(start + 4 * 60, 23 * 60 + 59)) };
}

/**
 * Weekly opening hours: per day an open/closed switch and one or more intervals (a split shift),
 * plus "copy Monday to the other weekdays". Shared by onboarding and Settings.
 */
export function OpeningHoursEditor({
  value,
  onChange,
  disabled = false,
}: {
  value: OpeningHours;
  onChange: (value: OpeningHours) => void;
  disabled?: boolean;
}) {
  const baseId = useId();
  const problems = openingHoursProblems(value);

  const setDay = (day: Weekday, intervals: OpeningInterval[]) => onChange({ ...value, [day]: intervals });
  const updateInterval = (day: Weekday, index: number, patch: Partial<OpeningInterval>) =>
    setDay(
      day,
      (value[day] ?? []).map((interval, i) => (i === index ? { ...interval, ...patch } : interval)),
    );

  const copyMonday = () => {
    const monday = value.mon ?? [];
    onChange({
      ...value,
      tue: monday.map((i) => ({ ...i })),
      wed: monday.map((i) => ({ ...i })),
      thu: monday.map((i) => ({ ...i })),
      fri: monday.map((i) => ({ ...i })),
    });
  };

  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <Button variant="outline" size="sm" onClick={copyMonday} disabled={disabled}>
          <Copy aria-hidden="true" />
          Copy Monday to Tue–Fri
        </Button>
      </div>
      <div className="divide-y divide-border rounded-xl border border-border bg-surface">
        {WEEKDAYS.map((day) => {
          const intervals = value[day] ?? [];
          const open = intervals.length > 0;
          const label = WEEKDAY_LABELS[day];
          const labelId = `${baseId}-${day}-label`;
          const errorId = `${baseId}-${day}-error`;
          const problem = problems[day];
          return (
            <div
              key={day}
              role="group"
              aria-labelledby={labelId}
              aria-describedby={problem ? errorId : undefined}
              className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-start sm:gap-4 sm:px-4"
            >
              <div className="flex items-center justify-between gap-3 sm:w-60 sm:shrink-0">
                <span id={labelId} className="font-medium text-heading">
                  {label}
                </span>
                <DaySwitch
                  checked={open}
                  label={`Open on ${label}`}
                  onChange={(checked) => setDay(day, checked ? [{ open: "09:00", close: "17:00" }] : [])}
                />
              </div>
              <div className="min-w-0 flex-1 space-y-2">
                {open ? (
                  <>
                    {intervals.map((interval, index) => {
                      const shift = intervals.length > 1 ? ` (shift ${index + 1})` : "";
                      return (
                        <div key={index} className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto] items-center gap-1.5 sm:flex sm:gap-2">
                          <Input
                            type="time"
                            size="sm"
                            className="w-full px-2.5 sm:w-40"
                            aria-label={`${label} opens at${shift}`}
                            aria-invalid={problem ? true : undefined}
                            value={interval.open}
                            disabled={disabled}
                            required
                            onChange={(e) => updateInterval(day, index, { open: e.target.value })}
                          />
                          <span className="text-body-sm text-muted-foreground" aria-hidden="true">
                            to
                          </span>
                          <Input
                            type="time"
                            size="sm"
                            className="w-full px-2.5 sm:w-40"
                            aria-label={`${label} closes at${shift}`}
                            aria-invalid={problem ? true : undefined}
                            value={interval.close}
                            disabled={disabled}
                            required
                            onChange={(e) => updateInterval(day, index, { close: e.target.value })}
                          />
                          <Button
                            variant="ghost"
                            size="icon-sm"
                            aria-label={`Remove ${label} ${interval.open}–${interval.close}`}
                            disabled={disabled}
                            onClick={() => setDay(day, intervals.filter((_, i) => i !== index))}
                          >
                            <X aria-hidden="true" />
                          </Button>
                        </div>
                      );
                    })}
                    {intervals.length < MAX_INTERVALS_PER_DAY ? (
                    <Button
                      variant="link"
                      size="sm"
                      className="h-8"
                      disabled={disabled}
                      onClick={() => setDay(day, [...intervals, nextInterval(intervals)])}
                    >
                      <Plus aria-hidden="true" />
                      Add split shift
                      <span className="sr-only"> on {label}</span>
                    </Button>
                    ) : null}
                  </>
                ) : (
                  <p className="py-2 text-body-sm text-muted-foreground sm:py-2.5">Closed all day</p>
                )}
                <p id={errorId} aria-live="polite" className="text-body-sm text-danger empty:hidden">
                  {problem ?? ""}
                </p>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
