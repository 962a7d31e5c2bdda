import type { Metadata } from "next";
import { SectionPlaceholder } from "@/components/dashboard/section-placeholder";

export const metadata: Metadata = { title: "Knowledge" };

export default function KnowledgePage() {
  return (
    <SectionPlaceholder
      section="knowledge"
      description="What the assistant knows about your business: services, prices, policies and answers to common questions."
      emptyTitle="Nothing taught yet"
    >
      <p>
        Here you will teach the assistant in plain language: paste your FAQ, describe your services, or write house
        rules. It answers customers only from what you add, and says so when it does not know.
      </p>
      <p>No knowledge has been added yet.</p>
    </SectionPlaceholder>
  );
}
