import { KnowledgeInputError } from "./errors";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The text of a .txt, .md or .csv upload. UTF-8 (with or without a BOM) is what every editor saves today; UTF-16 is
 * accepted only with its BOM, as Windows Notepad writes it, since without one it cannot be told from binary.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes);
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes);
    else text = utf8.decode(bytes);
  } catch {
    throw unreadableText();
  }
  // A NUL never occurs in text: the file is binary (an image, a program, a Word file renamed to .txt).
  if (text.includes("\u0000")) throw unreadableText();
  return normaliseNewlines(text.replace(/^\uFEFF/, ""));
}

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

function unreadableText(): KnowledgeInputError {
  return new KnowledgeInputError(
    "unreadable_file",
    "We couldn't read the text in this file. Save it as plain text with UTF-8 encoding (in most editors: Save As, " +
      "then choose UTF-8) and upload it again.",
  );
}
