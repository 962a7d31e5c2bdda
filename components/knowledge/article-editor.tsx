"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import type { KnowledgeCategory, KnowledgeDocumentDetail } from "@/lib/knowledge/types";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { CategorySelect } from "./category-select";
import { DuplicateNotice } from "./duplicate-notice";
import { MarkdownField } from "./markdown-field";
import { createDocument, updateDocument } from "./save-document";
import { useDocumentSave } from "./use-document-save";

export const TITLE_MAX = 300;

const BODY_PLACEHOLDER = `## Cancellations
Cancel or move your appointment up to 24 hours before at no charge.

## Late arrivals
If you are more than 15 minutes late we may need to shorten your treatment.`;

function articleProblems(title: string, body: string | null): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!title.trim()) problems.title = "Give it a title, like “Cancellation policy”.";
  else if (title.trim().length > TITLE_MAX) problems.title = `Keep the title under ${TITLE_MAX} characters.`;
  if (body !== null && !body.trim()) problems.body = "Write what the assistant should know.";
  return problems;
}

/**
 * Title, category and Markdown body of an article, new or existing. For an uploaded file or imported page only the
 * title and category are editable: its text comes from the source.
 */
export function ArticleEditor({ businessId, document }: { businessId: string; document?: KnowledgeDocumentDetail }) {
  const withBody = !document || document.kind === "article";
  const [title, setTitle] = useState(document?.title ?? "");
  const [category, setCategory] = useState<KnowledgeCategory>(document?.category ?? "other");
  const [body, setBody] = useState(document?.body ?? "");
  const [checked, setChecked] = useState(false);
  const { save, fail, pending, formError, serverFields, duplicateOf } = useDocumentSave(businessId);
  // Problems show after the first save attempt, then clear as the owner fixes them.
  const problems = checked ? articleProblems(title, withBody ? body : null) : {};
  const fieldErrors = { ...serverFields, ...problems };
  const cancelHref = document ? `/b/${businessId}/knowledge/${document.id}` : `/b/${businessId}/knowledge`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(articleProblems(title, withBody ? body : null)).length > 0) {
      fail("Some details need another look.");
      return;
    }
    const fields = { title: title.trim(), category, ...(withBody ? { body } : {}) };
    await save(
      () => (document ? updateDocument(businessId, document.id, fields) : createDocument(businessId, { kind: "article", ...fields, body })),
      document ? "Saved. The assistant will use the new version once it is indexed." : "Article added. Indexing it now.",
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <FormError message={formError} />
      {duplicateOf ? (
        <DuplicateNotice
          businessId={businessId}
          duplicateOf={duplicateOf}
          message={`You already have an item with exactly this content: “${duplicateOf.title}”.`}
        />
      ) : null}
      <Card>
        <CardContent className="space-y-6 pt-5 sm:pt-6">
          <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_16rem]">
            <TextField
              id="article-title"
              label="Title"
              required
              maxLength={TITLE_MAX}
              placeholder="e.g. Cancellation policy"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              error={fieldErrors.title}
            />
            <CategorySelect id="article-category" value={category} onChange={setCategory} error={fieldErrors.category} />
          </div>
          {withBody ? (
            <MarkdownField
              id="article-body"
              label="Content"
              value={body}
              onChange={setBody}
              placeholder={BODY_PLACEHOLDER}
              error={fieldErrors.body}
            />
          ) : (
            <p className="rounded-lg bg-surface-muted px-4 py-3 text-body-sm text-muted-foreground">
              {document?.kind === "url"
                ? "The text of an imported page comes from your website, so only its title and category can be changed here."
                : "The text of an uploaded file comes from the file. To change it, upload a new version: Frontdesk offers to update this item."}
            </p>
          )}
        </CardContent>
        <CardFooter className="justify-end">
          <Link href={cancelHref} className={buttonVariants({ variant: "ghost" })}>
            Cancel
          </Link>
          <Button type="submit" loading={pending}>
            {document ? "Save changes" : "Save article"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
