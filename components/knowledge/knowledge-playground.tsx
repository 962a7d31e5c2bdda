"use client";

import { useMutation } from "@tanstack/react-query";
import { MessageCircleQuestionMark, Send } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiRequest, errorMessage } from "@/components/api/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError, FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { AnswerPreviewCard } from "./answer-preview-card";
import { answerPreviewResponse, knowledgeApi } from "./api";
import { noneSharesAWord } from "./match-signals";
import { previewVerdict } from "./preview-verdict";
import { SearchResultCard } from "./search-result-card";

const EXAMPLES = ["What are your opening hours?", "How much does it cost?", "Can I cancel my booking?", "Where can I park?"];

/**
 * Ask a question as a customer would and see the reply they would get (the widget's own pipeline; nothing is stored),
 * whether the assistant would pass it to the team and why, then the passages the search finds for it.
 */
export function KnowledgePlayground({ businessId }: { businessId: string }) {
  const [question, setQuestion] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const search = useMutation({
    mutationFn: (asked: string) =>
      apiRequest(knowledgeApi(businessId, "/preview-answer"), answerPreviewResponse, { method: "POST", body: { question: asked } }),
  });
  const base = `/b/${businessId}/knowledge`;

  function ask(text: string) {
    const query = text.trim();
    if (!query) {
      setFieldError("Type a question first.");
      return;
    }
    setFieldError(null);
    search.mutate(query);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    ask(question);
  }

  const asked = search.variables;
  const preview = search.data;
  const results = preview?.passages.results;
  const citedAs = new Map(preview?.reply.sources.map((s) => [s.chunkId, s.n]));
  const summary = search.isPending
    ? "Your assistant is writing a reply…"
    : preview && results
      ? `Reply ready: ${preview.reply.handedOff ? "it would pass this to your team" : "confident"}. ${
          results.length === 0 ? "No passage matches." : `${results.length === 1 ? "1 passage" : `${results.length} passages`} found.`
        }`
      : "";

  return (
    <div className="space-y-6">
      <Card>
        <CardContent className="pt-5 sm:pt-6">
          <form onSubmit={submit} noValidate className="space-y-3">
            <Label htmlFor="playground-question">Ask a question the way a customer would</Label>
            <div className="flex flex-col gap-2 sm:flex-row">
              <Input
                id="playground-question"
                type="search"
                enterKeyHint="search"
                autoComplete="off"
                maxLength={500}
                placeholder="e.g. Do you have parking?"
                value={question}
                onChange={(event) => setQuestion(event.target.value)}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby="playground-question-error"
              />
              <Button type="submit" loading={search.isPending} className="sm:w-32">
                {search.isPending ? null : <Send aria-hidden="true" />}
                Ask
              </Button>
            </div>
            <FieldError id="playground-question-error" message={fieldError} />
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-body-sm text-muted-foreground">Try:</span>
              {EXAMPLES.map((example) => (
                <button
                  key={example}
                  type="button"
                  onClick={() => {
                    setQuestion(example);
                    ask(example);
                  }}
                  className="min-h-9 rounded-full border border-border bg-surface px-3 text-body-sm text-foreground transition-colors duration-150 hover:bg-secondary focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                >
                  {example}
                </button>
              ))}
            </div>
          </form>
        </CardContent>
      </Card>

      <p role="status" className="sr-only">
        {summary}
      </p>

      {search.isError ? <FormError message={errorMessage(search.error)} /> : null}

      {search.isPending ? (
        <div aria-hidden="true" className="space-y-3 rounded-xl border border-border bg-surface p-4 sm:p-5">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      ) : null}

      {!search.isPending && preview && results && asked !== undefined ? (
        <>
          <AnswerPreviewCard
            preview={preview}
            question={asked}
            businessId={businessId}
            chunkIndexOf={(chunkId) => results.find((r) => r.chunkId === chunkId)?.chunkIndex}
          />

          {results.length === 0 ? (
            <EmptyState
              icon={MessageCircleQuestionMark}
              title="No passage of your knowledge matches"
              action={
                // The reply above already offers these when the assistant could not answer.
                previewVerdict(preview.reply, preview.threshold).missingKnowledge ? undefined : (
                  <div className="flex flex-col gap-2 sm:flex-row">
                    <Link href={`${base}/new?kind=faq&question=${encodeURIComponent(asked)}`} className={buttonVariants({ variant: "primary" })}>
                      Answer it in an FAQ
                    </Link>
                    <Link href={`${base}/new?kind=article`} className={buttonVariants({ variant: "outline" })}>
                      Write an article
                    </Link>
                  </div>
                )
              }
            >
              <p>Nothing in your knowledge matches “{asked}”. Add knowledge about this and the assistant can answer it next time.</p>
            </EmptyState>
          ) : (
            <section aria-labelledby="playground-results-heading" className="space-y-3">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <h2 id="playground-results-heading" className="text-h4 text-heading">
                  Passages found for “{asked}”
                </h2>
                <p className="text-caption font-normal text-muted-foreground">
                  {preview.passages.tookMs.toLocaleString()} ms · {preview.passages.embeddingModel}
                </p>
              </div>
              <p className="text-body-sm text-muted-foreground">
                The best matches first: the assistant answers from passages like these, and the reply above says which it
                quotes.
              </p>
              {preview.passages.byMeaning ? null : (
                <p role="status" className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-body-sm text-warning">
                  The search-by-meaning service did not answer, so these passages were found by their words alone. Try
                  again in a minute.
                </p>
              )}
              {noneSharesAWord(results) ? (
                <p className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-body-sm text-warning">
                  None of these holds a word of your question; they are only close in meaning. If none answers it,{" "}
                  <Link href={`${base}/new?kind=faq&question=${encodeURIComponent(asked)}`} className="font-medium text-link underline underline-offset-2">
                    answer it in an FAQ
                  </Link>
                  .
                </p>
              ) : null}
              <ol className="space-y-3">
                {results.map((result, index) => (
                  <li key={result.chunkId}>
                    <SearchResultCard result={result} position={index + 1} businessId={businessId} citedAs={citedAs.get(result.chunkId)} />
                  </li>
                ))}
              </ol>
            </section>
          )}
        </>
      ) : null}
    </div>
  );
}
