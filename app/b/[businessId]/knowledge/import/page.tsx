import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackToKnowledge } from "@/components/knowledge/back-link";
import { WebsiteImportForm } from "@/components/knowledge/website-import-form";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Import from your website" };

export default async function ImportKnowledgePage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business } = await loadDashboard(businessId);
  return (
    <>
      <BackToKnowledge businessId={business.id} />
      <PageHeader
        title="Import from your website"
        description="Frontdesk reads the text of your pages so the assistant can answer from what your website already says."
      />
      <WebsiteImportForm businessId={business.id} />
    </>
  );
}
