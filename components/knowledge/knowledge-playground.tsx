"use client";

import { useMutation } from "@tanstack/react-query";
import { MessageCircleQuestionMark, Search } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiRequest, errorMessage } from "@/components/api/client";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FieldError, FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { knowledgeApi, searchResponse } from "./api";
import { SearchResultCard } from "./search-result-card";

const EXAMPLES = ["What are your opening hours?", "How much does it cost?", "Can I cancel my booking?", "Where can I park?"];
const RESULT_LIMIT = 5;

/** Ask a question as a customer would and see the passages the assistant would answer from. */
export function KnowledgePlayground({ businessId }: { businessId: string }) {
  const [question, setQuestion] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const search = useMutation({
    mutationFn: (query: string) =>
      apiRequest(knowledgeApi(businessId, "/search"), searchResponse, { method: "POST", body: { query, limit: RESULT_LIMIT } }),
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
  const results = search.data?.results;
  const summary = search.isPending
    ? "Searching…"
    : results
      ? results.length === 0
        ? "Nothing in your knowledge matches this question."
        : `${results.length === 1 ? "1 passage" : `${results.length} passages`} found.`
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
                {search.isPending ? null : <Search aria-hidden="true" />}
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

      {search.data && results && results.length === 0 ? (
        <EmptyState
          icon={MessageCircleQuestionMark}
          title="The assistant would say it doesn’t know"
          action={
            <div className="flex flex-col gap-2 sm:flex-row">
              <Link href={`${base}/new?kind=faq&question=${encodeURIComponent(asked ?? "")}`} className={buttonVariants({ variant: "primary" })}>
                Answer it in an FAQ
              </Link>
              <Link href={`${base}/new?kind=article`} className={buttonVariants({ variant: "outline" })}>
                Write an article
              </Link>
            </div>
          }
        >
          <p>Nothing in your knowledge matches “{asked}”. Add knowledge about this and the assistant can answer it next time.</p>
        </EmptyState>
      ) : null}

      {search.data && results && results.length > 0 ? (
        <section aria-labelledby="playground-results-heading" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <h2 id="playground-results-heading" className="text-h4 text-heading">
              What the assistant would read for “{asked}”
            </h2>
            <p className="text-caption font-normal text-muted-foreground">
              {search.data.tookMs.toLocaleString()} ms · {search.data.embeddingModel}
            </p>
          </div>
          <p className="text-body-sm text-muted-foreground">
            The best matches first: the assistant builds its answer from these passages.
          </p>
          {search.data.byMeaning ? null : (
            <p role="status" className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-body-sm text-warning">
              The search-by-meaning service did not answer, so these passages were found by their words alone. Try again
              in a minute.
            </p>
          )}
          {results.every((result) => result.ranks.fullText === null && result.ranks.trigram === null) ? (
            <p className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-body-sm text-warning">
              None of these shares words with the question; they are only loosely related in meaning. If none answers it,{" "}
              <Link href={`${base}/new?kind=faq&question=${encodeURIComponent(asked ?? "")}`} className="font-medium text-link underline underline-offset-2">
                answer it in an FAQ
              </Link>
              .
            </p>
          ) : null}
          <ol className="space-y-3">
            {results.map((result, index) => (
              <li key={result.chunkId}>
                <SearchResultCard result={result} position={index + 1} businessId={businessId} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
