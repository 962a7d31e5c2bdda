"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { errorMessage } from "@/components/api/client";
import type { KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { useDeleteDocument } from "./queries";

/** Asks before deleting an item for good, then returns to the list. */
export function DeleteDocumentDialog({
  businessId,
  document,
  open,
  onOpenChange,
}: {
  businessId: string;
  document: KnowledgeDocumentSummary;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const remove = useDeleteDocument(businessId);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!remove.isPending) {
          remove.reset();
          onOpenChange(next);
        }
      }}
      title={`Delete “${document.title}”?`}
      description="The assistant stops using it straight away and it cannot be brought back. To stop using it for a while instead, turn it off."
      footer={
        <>
          <Button variant="outline" onClick={() => onOpenChange(false)} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button
            variant="destructive"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(document, {
                onSuccess: () => {
                  toast.success(`“${document.title}” deleted`);
                  router.push(`/b/${businessId}/knowledge`);
                },
              })
            }
          >
            Delete
          </Button>
        </>
      }
    >
      {remove.isError ? <FormError message={errorMessage(remove.error)} /> : null}
    </Dialog>
  );
}
