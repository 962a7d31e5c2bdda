import type { Metadata } from "next";
import { SectionPlaceholder } from "@/components/dashboard/section-placeholder";

export const metadata: Metadata = { title: "Bookings" };

export default function BookingsPage() {
  return (
    <SectionPlaceholder
      section="bookings"
      description="Appointments, classes and stays booked by the assistant or your team, inside your opening hours."
      emptyTitle="No bookings yet"
    >
      <p>
        Once your services and free slots are set up, the assistant can offer times to customers and book them. Every
        booking will be listed here, shown in your business&apos;s time zone.
      </p>
      <p>There are no bookings to show yet.</p>
    </SectionPlaceholder>
  );
}
