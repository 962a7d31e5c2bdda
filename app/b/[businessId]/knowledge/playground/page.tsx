import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackToKnowledge } from "@/components/knowledge/back-link";
import { KnowledgePlayground } from "@/components/knowledge/knowledge-playground";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Ask your assistant" };

export default async function KnowledgePlaygroundPage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business } = await loadDashboard(businessId);
  return (
    <>
      <BackToKnowledge businessId={business.id} />
      <PageHeader
        title="Ask your assistant"
        description="See which passages of your knowledge the assistant would use to answer a question, before a customer asks it."
      />
      <KnowledgePlayground businessId={business.id} />
    </>
  );
}
