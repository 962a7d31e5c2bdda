import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

/** The way back to the list from every knowledge sub-page. */
export function BackToKnowledge({ businessId }: { businessId: string }) {
  return (
    <Link href={`/b/${businessId}/knowledge`} className={buttonVariants({ variant: "ghost", size: "sm", className: "mb-2 -ml-3" })}>
      <ArrowLeft aria-hidden="true" />
      Knowledge
    </Link>
  );
}
