import { CopyCheck } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { DuplicateOf } from "./request";

/** Says which existing item already holds this content, with a way to open it (and, for files, to update it). */
export function DuplicateNotice({
  businessId,
  duplicateOf,
  message,
  children,
}: {
  businessId: string;
  duplicateOf: DuplicateOf;
  message: string;
  children?: ReactNode;
}) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-body-sm text-warning">
      <p className="flex items-start gap-2">
        <CopyCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <span>{message}</span>
      </p>
      <div className="flex flex-wrap items-center gap-3 pl-6">
        {children}
        <Link href={`/b/${businessId}/knowledge/${duplicateOf.documentId}`} className="font-medium text-link underline underline-offset-2">
          Open “{duplicateOf.title}”
        </Link>
      </div>
    </div>
  );
}
