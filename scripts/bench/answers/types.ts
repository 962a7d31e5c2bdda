// What one knowledge base of `npm run bench:answers` is made of: the business profile an owner fills in, the files
// they upload, and the questions its customers ask, each with what a right reply must (or must not) do.
import type { Weekday } from "@/lib/businesses/schemas";
import type { KnowledgeCategory } from "@/lib/knowledge/types";

export type Interval = { open: string; close: string };

export type AnswerBase = {
  /** Folder name under scripts/bench/answers/ and the label in the table. */
  name: string;
  /** Never tuned against: its figures are reported apart as held_out_correct. */
  heldOut: boolean;
  profile: {
    name: string;
    vertical: "hotel" | "clinic" | "salon" | "retail";
    timeZone: string;
    currency: string;
    openingHours: Partial<Record<Weekday, Interval[]>>;
  };
  /** Files in the base's folder, uploaded as an owner would through the knowledge upload (multipart). */
  files: { file: string; category: KnowledgeCategory }[];
  cases: Case[];
};

export type Case =
  /**
   * The knowledge answers it. `facts`: every entry must match the reply (case-insensitive regular expressions; use
   * `|` for acceptable alternatives such as "€85|85 euros").
   */
  | { kind: "answerable"; q: string; facts: string[] }
  /** The knowledge does not say: the reply must say so or hand off, and state no price or time the knowledge lacks. */
  | { kind: "unanswerable"; q: string }
  /** Must be handed to a person, even when the knowledge holds a matching policy. */
  | { kind: "escalation"; q: string }
  /** Greetings, thanks, goodbyes: must never be handed off. */
  | { kind: "smalltalk"; q: string };
