import type { Metadata } from "next";
import { SectionPlaceholder } from "@/components/dashboard/section-placeholder";

export const metadata: Metadata = { title: "Analytics" };

export default function AnalyticsPage() {
  return (
    <SectionPlaceholder
      section="analytics"
      description="How your front desk is doing: conversations handled, leads and bookings won, and what came in after hours."
      emptyTitle="No data yet"
    >
      <p>
        Figures appear here once real conversations start: how many the assistant resolved on its own, how many it
        handed to your team, and the leads and bookings it recovered outside opening hours.
      </p>
      <p>Nothing is estimated or shown as an example: with no conversations yet, there is nothing to count.</p>
    </SectionPlaceholder>
  );
}
