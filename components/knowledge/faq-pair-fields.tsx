"use client";

import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ANSWER_MAX, QUESTION_MAX, type FaqPair, type PairProblems } from "./faq-pairs";

export type PairAction = "up" | "down" | "remove" | "question";

function Counter({ id, length, max }: { id: string; length: number; max: number }) {
  // Shown only near the limit: a count on every field is noise.
  if (length < max * 0.8) return <span id={id} hidden />;
  return (
    <span id={id} className={cn("text-caption font-normal tabular-nums", length > max ? "text-danger" : "text-muted-foreground")}>
      {length.toLocaleString()} / {max.toLocaleString()}
    </span>
  );
}

/**
 * One question and its answer, with buttons to move it up or down and to remove it. The buttons' names are short
 * ("Move up") and the card's legend ("Question 2") describes them, so the fields alone answer to "Question 2".
 */
export function FaqPairFields({
  pair,
  index,
  count,
  problems,
  disabled,
  onChange,
  onMove,
  onRemove,
  registerControl,
}: {
  pair: FaqPair;
  index: number;
  count: number;
  problems?: PairProblems;
  disabled?: boolean;
  onChange: (pair: FaqPair) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  registerControl: (action: PairAction, element: HTMLElement | null) => void;
}) {
  const n = index + 1;
  const base = `faq-${n}`;
  return (
    <fieldset className="rounded-xl border border-border bg-surface p-4 shadow-sm sm:p-5">
      <legend id={`${base}-legend`} className="float-left pt-2 text-body-sm font-semibold text-heading">
        Question {n}
      </legend>
      <div className="mb-3 flex justify-end">
        <div className="flex gap-1">
          <Button
            ref={(el) => registerControl("up", el)}
            variant="ghost"
            size="icon-sm"
            aria-label="Move up"
            aria-describedby={`${base}-legend`}
            disabled={disabled || index === 0}
            onClick={() => onMove(index - 1)}
          >
            <ArrowUp aria-hidden="true" />
          </Button>
          <Button
            ref={(el) => registerControl("down", el)}
            variant="ghost"
            size="icon-sm"
            aria-label="Move down"
            aria-describedby={`${base}-legend`}
            disabled={disabled || index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            <ArrowDown aria-hidden="true" />
          </Button>
          <Button
            ref={(el) => registerControl("remove", el)}
            variant="ghost"
            size="icon-sm"
            aria-label="Remove"
            aria-describedby={`${base}-legend`}
            disabled={disabled || count === 1}
            onClick={onRemove}
          >
            <Trash2 aria-hidden="true" />
          </Button>
        </div>
      </div>
      <div className="clear-both space-y-4">
        <div className="space-y-1.5">
          <div className="flex items-end justify-between gap-2">
            <Label htmlFor={`${base}-question`}>
              Question<span className="sr-only"> {n}</span>
            </Label>
            <Counter id={`${base}-question-count`} length={pair.question.trim().length} max={QUESTION_MAX} />
          </div>
          <Textarea
            ref={(el) => registerControl("question", el)}
            id={`${base}-question`}
            rows={2}
            className="min-h-16"
            placeholder="e.g. Do you have parking?"
            value={pair.question}
            disabled={disabled}
            aria-invalid={problems?.question ? true : undefined}
            aria-describedby={`${base}-question-error ${base}-question-count`}
            onChange={(event) => onChange({ ...pair, question: event.target.value })}
          />
          <FieldError id={`${base}-question-error`} message={problems?.question} />
        </div>
        <div className="space-y-1.5">
          <div className="flex items-end justify-between gap-2">
            <Label htmlFor={`${base}-answer`}>
              Answer<span className="sr-only"> {n}</span>
            </Label>
            <Counter id={`${base}-answer-count`} length={pair.answer.trim().length} max={ANSWER_MAX} />
          </div>
          <Textarea
            id={`${base}-answer`}
            rows={4}
            placeholder="e.g. Yes, free parking behind the building, entrance on Rua Nova."
            value={pair.answer}
            disabled={disabled}
            aria-invalid={problems?.answer ? true : undefined}
            aria-describedby={`${base}-answer-error ${base}-answer-count`}
            onChange={(event) => onChange({ ...pair, answer: event.target.value })}
          />
          <FieldError id={`${base}-answer-error`} message={problems?.answer} />
        </div>
      </div>
    </fieldset>
  );
}
