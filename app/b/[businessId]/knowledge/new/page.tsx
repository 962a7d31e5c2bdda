import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { ArticleEditor } from "@/components/knowledge/article-editor";
import { BackToKnowledge } from "@/components/knowledge/back-link";
import { FaqEditor } from "@/components/knowledge/faq-editor";
import { loadDashboard } from "@/lib/businesses/context";

export const metadata: Metadata = { title: "Add knowledge" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `?kind=faq` opens the FAQ editor (`&question=` starts it with that question); anything else, the article editor. */
export default async function NewKnowledgePage({ params, searchParams }: { params: Promise<{ businessId: string }>; searchParams: SearchParams }) {
  const { businessId } = await params;
  const query = await searchParams;
  const { business } = await loadDashboard(businessId);
  const faq = single(query.kind) === "faq";
  const question = single(query.question)?.slice(0, 500);
  return (
    <>
      <BackToKnowledge businessId={business.id} />
      {faq ? (
        <>
          <PageHeader title="Add FAQ" description="Questions customers ask, with the answers you want the assistant to give." />
          <FaqEditor businessId={business.id} initialQuestion={question} />
        </>
      ) : (
        <>
          <PageHeader
            title="Write an article"
            description="Describe a service, your prices or a policy in your own words. Use headings to split a long article into topics."
          />
          <ArticleEditor businessId={business.id} />
        </>
      )}
    </>
  );
}
