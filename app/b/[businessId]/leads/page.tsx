import type { Metadata } from "next";
import { SectionPlaceholder } from "@/components/dashboard/section-placeholder";

export const metadata: Metadata = { title: "Leads" };

export default function LeadsPage() {
  return (
    <SectionPlaceholder
      section="leads"
      description="People who showed interest in your business, with their contact details and what they asked about."
      emptyTitle="No leads yet"
    >
      <p>
        When the assistant learns a customer&apos;s name and how to reach them during a conversation, it records them
        here so your team can follow up.
      </p>
      <p>Nothing has been captured yet, because no conversations have come in.</p>
    </SectionPlaceholder>
  );
}
