"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { KnowledgeCategory, KnowledgeDocumentDetail } from "@/lib/knowledge/types";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FieldError, FormError } from "@/components/ui/form-error";
import { TITLE_MAX } from "./article-editor";
import { CategorySelect } from "./category-select";
import { DuplicateNotice } from "./duplicate-notice";
import { FaqPairFields, type PairAction } from "./faq-pair-fields";
import { movePair, newPair, pairProblems, type FaqPair, type PairProblems } from "./faq-pairs";
import { createDocument, updateDocument } from "./save-document";
import { useDocumentSave } from "./use-document-save";

/** Server field names look like "entries.2.answer"; turn them into problems for the pair now at that position. */
function serverPairProblems(fields: Record<string, string>, pairs: FaqPair[]): Record<string, PairProblems> {
  const out: Record<string, PairProblems> = {};
  for (const [field, message] of Object.entries(fields)) {
    const match = /^entries\.(\d+)\.(question|answer)$/.exec(field);
    const pair = match ? pairs[Number(match[1])] : undefined;
    if (match && pair) out[pair.id] = { ...out[pair.id], [match[2] === "question" ? "question" : "answer"]: message };
  }
  return out;
}

function titleProblem(title: string): string | null {
  if (!title.trim()) return "Give the list a title, like “Booking questions”.";
  if (title.trim().length > TITLE_MAX) return `Keep the title under ${TITLE_MAX} characters.`;
  return null;
}

/**
 * Questions and answers, new or existing: add, remove and reorder pairs with buttons (focus follows the pair
 * and each change is announced), with a message under each field that needs one.
 */
export function FaqEditor({
  businessId,
  document,
  initialQuestion,
}: {
  businessId: string;
  document?: KnowledgeDocumentDetail;
  initialQuestion?: string;
}) {
  const [title, setTitle] = useState(document?.title ?? "");
  const [category, setCategory] = useState<KnowledgeCategory>(document?.category ?? "faq");
  const [pairs, setPairs] = useState<FaqPair[]>(() =>
    document?.faqEntries?.length ? document.faqEntries.map((entry) => newPair(entry)) : [newPair({ question: initialQuestion ?? "", answer: "" })],
  );
  const [checked, setChecked] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const { save, fail, pending, formError, serverFields, duplicateOf } = useDocumentSave(businessId);

  const controls = useRef(new Map<string, HTMLElement>());
  const pendingFocus = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const target = pendingFocus.current === "add" ? addButton.current : controls.current.get(pendingFocus.current);
    pendingFocus.current = null;
    target?.focus();
  });

  // Problems show after the first save attempt, then update as the owner types.
  const problems = { ...serverPairProblems(serverFields, pairs), ...(checked ? pairProblems(pairs) : {}) };
  const listError = serverFields.entries ?? null;

  function update(index: number, pair: FaqPair) {
    setPairs((current) => current.map((p, i) => (i === index ? pair : p)));
  }

  function add() {
    const pair = newPair();
    setPairs((current) => [...current, pair]);
    pendingFocus.current = `${pair.id}:question`;
    setAnnouncement(`Question ${pairs.length + 1} added.`);
  }

  function move(from: number, to: number, direction: "up" | "down") {
    const pair = pairs[from];
    if (!pair || to < 0 || to >= pairs.length) return;
    setPairs(movePair(pairs, from, to));
    // Keep focus on the button that was pressed, unless the pair reached the end where that button is disabled.
    const atEdge = (direction === "up" && to === 0) || (direction === "down" && to === pairs.length - 1);
    pendingFocus.current = `${pair.id}:${atEdge ? (direction === "up" ? "down" : "up") : direction}`;
    setAnnouncement(`Question moved to position ${to + 1} of ${pairs.length}.`);
  }

  function remove(index: number) {
    const next = pairs.filter((_, i) => i !== index);
    setPairs(next);
    const neighbour = next[index] ?? next[index - 1];
    pendingFocus.current = neighbour ? `${neighbour.id}:question` : "add";
    setAnnouncement(`Question ${index + 1} removed. ${next.length} left.`);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    const trimmedTitle = title.trim();
    const nextTitleError = titleProblem(title);
    const pairIssues = pairProblems(pairs);
    if (nextTitleError || Object.keys(pairIssues).length > 0 || pairs.length === 0) {
      const count = Object.keys(pairIssues).length;
      fail(count > 0 ? `${count === 1 ? "One question needs" : `${count} questions need`} another look.` : "Some details need another look.");
      return;
    }
    const entries = pairs.map(({ question, answer }) => ({ question: question.trim(), answer: answer.trim() }));
    await save(
      () =>
        document
          ? updateDocument(businessId, document.id, { title: trimmedTitle, category, entries })
          : createDocument(businessId, { kind: "faq", title: trimmedTitle, category, entries }),
      document ? "Saved. The assistant will use the new answers once they are indexed." : `${entries.length === 1 ? "Question" : `${entries.length} questions`} added. Indexing now.`,
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <FormError message={formError} />
      {duplicateOf ? (
        <DuplicateNotice
          businessId={businessId}
          duplicateOf={duplicateOf}
          message={`You already have an item with exactly these questions and answers: “${duplicateOf.title}”.`}
        />
      ) : null}
      <Card>
        <CardContent className="grid gap-6 pt-5 sm:pt-6 md:grid-cols-[minmax(0,1fr)_16rem]">
          <TextField
            id="faq-title"
            label="Title"
            required
            maxLength={TITLE_MAX}
            placeholder="e.g. Booking questions"
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            error={(checked ? titleProblem(title) : null) ?? serverFields.title}
          />
          <CategorySelect id="faq-category" value={category} onChange={setCategory} error={serverFields.category} />
        </CardContent>
      </Card>

      <section aria-labelledby="faq-pairs-heading" className="space-y-3">
        <div className="flex items-baseline justify-between gap-2">
          <h2 id="faq-pairs-heading" className="text-h4 text-heading">
            Questions and answers
          </h2>
          <p className="text-body-sm text-muted-foreground">{pairs.length === 1 ? "1 question" : `${pairs.length} questions`}</p>
        </div>
        <p className="text-body-sm text-muted-foreground">
          One question per card, worded the way customers ask it. The assistant answers with your words.
        </p>
        <p role="status" className="sr-only">
          {announcement}
        </p>
        <ol className="space-y-3">
          {pairs.map((pair, index) => (
            <li key={pair.id}>
              <FaqPairFields
                pair={pair}
                index={index}
                count={pairs.length}
                problems={problems[pair.id]}
                disabled={pending}
                onChange={(next) => update(index, next)}
                onMove={(to) => move(index, to, to < index ? "up" : "down")}
                onRemove={() => remove(index)}
                registerControl={(action: PairAction, element) => {
                  const key = `${pair.id}:${action}`;
                  if (element) controls.current.set(key, element);
                  else controls.current.delete(key);
                }}
              />
            </li>
          ))}
        </ol>
        <FieldError id="faq-pairs-error" message={listError} />
        <Button ref={addButton} variant="outline" onClick={add} disabled={pending} className="w-full sm:w-auto">
          <Plus aria-hidden="true" />
          Add a question
        </Button>
      </section>

      <div className="flex flex-col-reverse gap-3 border-t border-border pt-6 sm:flex-row sm:justify-end">
        <Link
          href={document ? `/b/${businessId}/knowledge/${document.id}` : `/b/${businessId}/knowledge`}
          className={buttonVariants({ variant: "ghost" })}
        >
          Cancel
        </Link>
        <Button type="submit" loading={pending}>
          {document ? "Save changes" : "Save questions"}
        </Button>
      </div>
    </form>
  );
}
