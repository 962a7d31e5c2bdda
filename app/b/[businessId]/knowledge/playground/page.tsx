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
        description="See the reply a customer would get, whether the assistant would pass the question to your team, and the passages it answers from: before a customer asks. Nothing you ask here is saved as a conversation."
      />
      <KnowledgePlayground businessId={business.id} />
    </>
  );
}
