import { ArrowRight, Bot, CircleCheck, CircleHelp, UserRound } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { AnswerPreviewResponse } from "./api";
import { chunkAnchor } from "./chunk-list";
import { SafeMarkdown } from "./markdown";
import { previewVerdict } from "./preview-verdict";

const TONE = {
  success: { icon: CircleCheck, box: "border-success/40 bg-success-soft text-success" },
  warning: { icon: CircleHelp, box: "border-warning/40 bg-warning-soft text-warning" },
  info: { icon: UserRound, box: "border-info/40 bg-info-soft text-info" },
} as const;

/**
 * The reply a new visitor would get on the website chat, as the widget would send it, with whether the assistant is
 * confident or would pass the question to the team and why, and the passages the reply cites.
 */
export function AnswerPreviewCard({
  preview,
  question,
  businessId,
  chunkIndexOf,
}: {
  preview: AnswerPreviewResponse;
  question: string;
  businessId: string;
  /** Where a cited passage sits in its document, when the passages below include it (for a link to the passage). */
  chunkIndexOf: (chunkId: string) => number | undefined;
}) {
  const { reply, threshold } = preview;
  const verdict = previewVerdict(reply, threshold);
  const tone = TONE[verdict.tone];
  const base = `/b/${businessId}/knowledge`;
  return (
    <section aria-labelledby="preview-reply-heading" className="space-y-4 rounded-xl border border-border bg-surface p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="preview-reply-heading" className="text-h4 text-heading">
          What a customer would read
        </h2>
        <p className="text-caption text-muted-foreground">{preview.tookMs.toLocaleString()} ms</p>
      </div>

      <div className={cn("flex items-start gap-3 rounded-lg border px-4 py-3", tone.box)}>
        <tone.icon className="mt-0.5 size-5 shrink-0" aria-hidden="true" />
        <div className="min-w-0 space-y-1">
          <p className="font-semibold">{verdict.title}</p>
          <p className="text-body-sm text-foreground">{verdict.detail}</p>
        </div>
      </div>

      <figure className="space-y-2">
        <figcaption className="text-body-sm text-muted-foreground">You asked: “{question}”</figcaption>
        <div className="flex items-start gap-3">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-secondary text-heading">
            <Bot className="size-4" aria-hidden="true" />
          </span>
          <blockquote className="min-w-0 flex-1 rounded-2xl rounded-tl-sm bg-secondary px-4 py-3" aria-label="The assistant's reply">
            <SafeMarkdown className="text-body [&_ol]:list-decimal [&_ol]:pl-5 [&_p+p]:mt-2 [&_ul]:list-disc [&_ul]:pl-5">{reply.text}</SafeMarkdown>
          </blockquote>
        </div>
      </figure>

      {reply.quickReplies.length > 0 ? (
        <p className="text-body-sm text-muted-foreground">
          Buttons under the reply: {reply.quickReplies.map((label) => `“${label}”`).join(", ")}
        </p>
      ) : null}

      {reply.sources.length > 0 ? (
        <div className="space-y-2">
          <h3 className="text-body-sm font-semibold text-heading">Sources it cites</h3>
          <ul className="space-y-1">
            {reply.sources.map((source) => {
              const index = chunkIndexOf(source.chunkId);
              return (
                <li key={`${source.n}-${source.chunkId}`}>
                  <Link
                    href={`${base}/${source.documentId}${index === undefined ? "" : `#${chunkAnchor(index)}`}`}
                    className="inline-flex min-h-11 items-center gap-2 font-medium text-link underline-offset-4 hover:underline"
                  >
                    <span className="tabular-nums">[{source.n}]</span> {source.title}
                    <ArrowRight className="size-4" aria-hidden="true" />
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ) : reply.handedOff ? null : (
        <p className="text-body-sm text-muted-foreground">This reply cites no passage of your knowledge.</p>
      )}

      {verdict.missingKnowledge ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Link href={`${base}/new?kind=faq&question=${encodeURIComponent(question)}`} className={buttonVariants({ variant: "primary" })}>
            Answer it in an FAQ
          </Link>
          <Link href={`${base}/new?kind=article`} className={buttonVariants({ variant: "outline" })}>
            Write an article
          </Link>
        </div>
      ) : null}
    </section>
  );
}
