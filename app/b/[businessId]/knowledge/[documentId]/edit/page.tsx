import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackToKnowledge } from "@/components/knowledge/back-link";
import { DocumentEditor } from "@/components/knowledge/document-editor";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Edit knowledge" };

export default async function EditKnowledgePage({ params }: { params: Promise<{ businessId: string; documentId: string }> }) {
  const { businessId, documentId } = await params;
  const { business } = await loadDashboard(businessId);
  if (!z.uuid().safeParse(documentId).success) notFound();
  return (
    <>
      <BackToKnowledge businessId={business.id} />
      <PageHeader title="Edit" description="Saving re-indexes the item; the assistant uses the new version as soon as it is ready." />
      <DocumentEditor businessId={business.id} documentId={documentId} />
    </>
  );
}
