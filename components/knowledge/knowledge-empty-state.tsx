import { BookOpen } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { addActions } from "./add-actions";

/** First visit: what to teach first, and the four ways to do it. */
export function KnowledgeEmptyState({ businessId }: { businessId: string }) {
  return (
    <EmptyState icon={BookOpen} title="Teach your assistant about your business">
      <p>
        The assistant answers customers only from what you add here, and says it does not know otherwise. Start with what
        people ask most: your prices, opening hours, where you are and how to get there, and your cancellation policy.
      </p>
      <ul className="mt-6 grid gap-3 text-left sm:grid-cols-2">
        {addActions(businessId).map(({ key, label, description, icon: Icon, href }) => (
          <li key={key}>
            <Link
              href={href}
              className="flex h-full items-start gap-3 rounded-xl border border-border bg-surface p-4 transition-all duration-150 ease-out hover:border-input hover:shadow-base"
            >
              <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-secondary text-heading" aria-hidden="true">
                <Icon className="size-5" />
              </span>
              <span className="flex min-w-0 flex-col">
                <span className="font-medium text-heading">{label}</span>
                <span className="text-body-sm text-muted-foreground">{description}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}
