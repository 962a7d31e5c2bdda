// The knowledge bases `npm run bench:answers` sets up, and their files as an owner would upload them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { clinic } from "./clinic/questions";
import { guesthouse } from "./guesthouse/questions";
import { shop } from "./shop/questions";
import type { AnswerBase } from "./types";

export const BASES: AnswerBase[] = [guesthouse, clinic, shop];

const FOLDER = path.dirname(new URL(import.meta.url).pathname);

/**
 * The file as an owner would upload it: without the bench's own notice at the top (the held-out warning), an HTML
 * comment in Markdown and text files or `#` lines before a CSV's header, which the assistant must never see.
 */
export function ownerFile(base: AnswerBase, file: string): string {
  const raw = readFileSync(path.join(FOLDER, base.name, file), "utf8");
  return file.endsWith(".csv") ? raw.replace(/^(#[^\n]*\n)+/, "") : raw.replace(/^<!--[\s\S]*?-->\s*/, "");
}
