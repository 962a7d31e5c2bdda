"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ApiRequestError, errorMessage } from "@/components/api/client";
import type { KnowledgeDocumentSummary } from "@/lib/knowledge/types";
import { knowledgeKeys } from "./api";
import { KnowledgeRequestError, type DuplicateOf } from "./request";

/**
 * The save cycle every knowledge editor shares: pending state, the server's form and field errors, the duplicate
 * it points at, and on success a toast and the item's page.
 */
export function useDocumentSave(businessId: string) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [duplicateOf, setDuplicateOf] = useState<DuplicateOf | null>(null);

  async function save(run: () => Promise<KnowledgeDocumentSummary>, successMessage: string) {
    setPending(true);
    setFormError(null);
    setServerFields({});
    setDuplicateOf(null);
    try {
      const document = await run();
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(businessId) });
      toast.success(successMessage);
      router.push(`/b/${businessId}/knowledge/${document.id}`);
    } catch (error) {
      if (error instanceof KnowledgeRequestError && error.code === "duplicate" && error.duplicateOf) setDuplicateOf(error.duplicateOf);
      else setFormError(errorMessage(error));
      if (error instanceof ApiRequestError) setServerFields(error.fieldMessages());
      setPending(false);
    }
  }

  /** For client-side validation failures, so the form-level message and the field messages agree. */
  function fail(message: string) {
    setFormError(message);
    setDuplicateOf(null);
  }

  return { save, fail, pending, formError, serverFields, duplicateOf };
}
