import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackToKnowledge } from "@/components/knowledge/back-link";
import { FileUpload } from "@/components/knowledge/file-upload";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Upload a file" };

export default async function UploadKnowledgePage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business } = await loadDashboard(businessId);
  return (
    <>
      <BackToKnowledge businessId={business.id} />
      <PageHeader
        title="Upload a file"
        description="A price list, a menu, your terms, a brochure. For many questions at once, upload a CSV with a question column and an answer column."
      />
      <FileUpload businessId={business.id} />
    </>
  );
}
