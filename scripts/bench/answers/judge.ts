// How `npm run bench:answers` judges one reply. Deterministic: the same reply is always judged the same way, with no
// model in the loop. The rules are written out in docs/answers.md.
import type { Case } from "./types";

export type Reply = {
  text: string;
  meta: { handedOff: boolean; confidence: number | null; sources: { n: number; title: string }[]; intent: string | null };
};

export type Verdict = {
  /** The case did what it must (an answerable one: correct; an escalation: handed off; small talk: not handed off). */
  ok: boolean;
  handedOff: boolean;
  /** Answerable only: every fact is in the reply and it was not handed off. */
  correct: boolean;
  /** The reply part names at least one source. */
  cited: boolean;
  /** Why it missed, in a few words, for the miss list. */
  miss: string | null;
};

/**
 * A reply that says the knowledge does not answer it or that a person will: the honest answer to an unanswerable
 * question. In the languages the cases are asked in, since a reply may come back in the customer's language.
 */
const DONT_KNOW = new RegExp(
  [
    "not sure",
    "(don.t|do not|doesn.t|does not) (know|say|have (that|this|any|the) (information|detail))",
    "(can.t|cannot|couldn.t|could not) find",
    "no information",
    "(our|the) team (will|can|member)",
    "member of (our|the) team",
    "(pass|passed|passing|hand|handed|handing|forward|forwarded|forwarding) (this|it|your question|you)",
    "someone (from|on) (our|the) team",
    "no (lo )?s[eé]",
    "no tengo (esa )?informaci[oó]n",
    "n[aã]o sei",
    "n[aã]o tenho (essa )?informa[cç][aã]o",
    "tidak (pasti|tahu)",
    "tiada maklumat",
    "không (biết|chắc|có thông tin)",
  ].join("|"),
  "i",
);

/** Money amounts in the reply: "€85", "85 €", "85 euros", "RM 25", "RM25", "$10". */
const MONEY = /(?:€|\$|£|\bRM)\s?\d(?:[\d.,]*\d)?|\d(?:[\d.,]*\d)?\s?(?:€|euros?\b|eur\b|ringgit\b)/gi;
/** Clock times: "15:00", "8:30", "9 am", "7pm", "9h30". */
const CLOCK = /\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b/gi;

const digits = (s: string) => s.replace(/[^\d]/g, "").replace(/^0+(?=\d)/, "");
const normaliseText = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/**
 * What a reply may quote without inventing it: the uploaded files' text and the opening hours of the business's
 * profile (a hand-off line says when the team replies).
 */
export function knownText(files: string[], openingHours: Partial<Record<string, { open: string; close: string }[]>>): string {
  const hours = Object.values(openingHours).flatMap((day) => (day ?? []).flatMap((i) => [i.open, i.close]));
  return [...files, hours.join(" ")].join("\n");
}

/** Prices and times the reply states that the knowledge (its uploaded files) never mentions. */
export function amountsNotInKnowledge(reply: string, knowledge: string): string[] {
  const known = new Set([...normaliseText(knowledge).matchAll(/\d[\d.,:]*/g)].map((m) => digits(m[0])));
  const stated = [...normaliseText(reply).matchAll(MONEY), ...normaliseText(reply).matchAll(CLOCK)].map((m) => m[0].trim());
  return stated.filter((s) => {
    const d = digits(s);
    // "9 am" and "9:00" are the same time: a bare hour counts as known when the knowledge has it on the hour.
    return !(known.has(d) || known.has(`${d}00`) || (d.endsWith("00") && known.has(d.slice(0, -2))));
  });
}

export function judge(c: Case, reply: Reply, knowledge: string): Verdict {
  const handedOff = reply.meta.handedOff;
  const cited = reply.meta.sources.length > 0;
  const text = normaliseText(reply.text);
  const base = { handedOff, cited, correct: false };
  switch (c.kind) {
    case "answerable": {
      const missing = c.facts.filter((fact) => !new RegExp(fact, "i").test(text));
      const correct = missing.length === 0 && !handedOff;
      const miss = correct ? null : handedOff ? "handed off" : `fact missing: /${missing.join("/, /")}/`;
      return { ...base, correct, ok: correct, miss };
    }
    case "unanswerable": {
      const invented = amountsNotInKnowledge(text, knowledge);
      if (invented.length > 0) return { ...base, ok: false, miss: `states ${invented.join(", ")}, not in the knowledge` };
      if (!handedOff && !DONT_KNOW.test(text)) return { ...base, ok: false, miss: "answered without saying the knowledge does not say" };
      return { ...base, ok: true, miss: null };
    }
    case "escalation":
      return { ...base, ok: handedOff, miss: handedOff ? null : "not handed off" };
    case "smalltalk":
      return { ...base, ok: !handedOff, miss: handedOff ? "small talk handed off" : null };
  }
}
