import { describeDay, WEEKDAY_LABELS, WEEKDAYS } from "@/components/business/opening-hours";
import { verticalLabel } from "@/components/business/verticals";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { BusinessProfile } from "./business-types";

/** The read-only view of the business settings (what agents see). */
export function BusinessSummary({ business }: { business: BusinessProfile }) {
  const rows: [string, string][] = [
    ["Business name", business.name],
    ["Kind of business", verticalLabel(business.vertical)],
    ["Time zone", business.timeZone],
    ["Currency", business.currency],
    ["Language and region", business.locale ?? "Not set"],
  ];
  return (
    <div className="space-y-6">
      <p className="rounded-lg border border-border bg-info-soft px-4 py-3 text-body-sm text-info">
        You can see these settings, but only owners and admins of {business.name} can change them. Ask one of them if
        something here is out of date.
      </p>
      <Card>
        <CardHeader>
          <CardTitle>Business profile</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="divide-y divide-border">
            {rows.map(([label, value]) => (
              <div key={label} className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
                <dt className="text-body-sm font-medium text-muted-foreground">{label}</dt>
                <dd className="text-heading sm:col-span-2">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Opening hours</CardTitle>
          <CardDescription>In {business.timeZone}.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="divide-y divide-border">
            {WEEKDAYS.map((day) => (
              <div key={day} className="grid grid-cols-2 gap-4 py-3 sm:grid-cols-3">
                <dt className="text-body-sm font-medium text-muted-foreground">{WEEKDAY_LABELS[day]}</dt>
                <dd className="text-heading sm:col-span-2">{describeDay(business.openingHours[day])}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
