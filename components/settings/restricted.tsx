import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** What an agent sees on an owner/admin page: a plain explanation instead of a bare 403. */
export function Restricted({ title, children, backHref }: { title: string; children: ReactNode; backHref: string }) {
  return (
    <EmptyState
      icon={ShieldAlert}
      title={title}
      action={
        <Link href={backHref} className={buttonVariants({ variant: "outline" })}>
          Back to the inbox
        </Link>
      }
    >
      {children}
    </EmptyState>
  );
}
