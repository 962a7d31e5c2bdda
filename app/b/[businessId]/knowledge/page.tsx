import { MessageCircleQuestionMark } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { AddKnowledgeMenu } from "@/components/knowledge/add-knowledge-menu";
import { KnowledgeList } from "@/components/knowledge/knowledge-list";
import { buttonVariants } from "@/components/ui/button";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Knowledge" };

export default async function KnowledgePage({ params }: { params: Promise<{ businessId: string }> }) {
  const { businessId } = await params;
  const { business } = await loadDashboard(businessId);
  return (
    <>
      <PageHeader
        title="Knowledge"
        description="What the assistant knows about your business. It answers customers from this, and says so when it does not know."
        actions={
          <>
            <Link href={`/b/${business.id}/knowledge/playground`} className={buttonVariants({ variant: "outline" })}>
              <MessageCircleQuestionMark aria-hidden="true" />
              Ask your assistant
            </Link>
            <AddKnowledgeMenu businessId={business.id} />
          </>
        }
      />
      <KnowledgeList businessId={business.id} locale={business.locale ?? null} />
    </>
  );
}
