import type { FaqEntry } from "./types";

export const FAQ_QUESTION_MAX = 500;
export const FAQ_ANSWER_MAX = 5000;

/** An FAQ is stored as "Q:"/"A:" pairs: plain text the chunker splits one pair a chunk, and the editor reads back. */
export function faqToText(entries: FaqEntry[]): string {
  return entries
    .map(({ question, answer }) => `Q: ${oneLine(question)}\nA: ${answer.trim().replace(/\r\n?/g, "\n")}`)
    .join("\n\n");
}

/** The pairs of a stored FAQ; an answer runs until the next line that starts with "Q:". */
export function faqFromText(text: string): FaqEntry[] {
  const entries: FaqEntry[] = [];
  let current: { question: string; answer: string[] } | undefined;
  let answering = false;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const question = /^Q:\s?(.*)$/.exec(line);
    if (question) {
      if (current) entries.push(finish(current));
      current = { question: (question[1] ?? "").trim(), answer: [] };
      answering = false;
      continue;
    }
    if (!current) continue;
    const answer = !answering && /^A:\s?(.*)$/.exec(line);
    if (answer) {
      answering = true;
      current.answer.push(answer[1] ?? "");
    } else if (answering) current.answer.push(line);
    else if (line.trim()) current.question = `${current.question} ${line.trim()}`;
  }
  if (current) entries.push(finish(current));
  return entries.filter((e) => e.question || e.answer);
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const finish = (entry: { question: string; answer: string[] }): FaqEntry => ({
  question: entry.question,
  answer: entry.answer.join("\n").trim(),
});
