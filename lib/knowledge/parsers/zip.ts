import { Unzip, UnzipInflate, type UnzipFile } from "fflate";

import { KnowledgeInputError } from "./errors";

/** More than any real Word document's text and styles; a zip bomb is stopped here, not when memory runs out. */
const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
// Deflate expands at most ~1,032 times, so one 4 KB step inflates to at most ~4 MB past a limit.
const STEP_BYTES = 4 * 1024;
// Word's XML deflates to a fifth or a tenth of its size; a large entry that grew a hundredfold is a bomb, and is
// stopped at a few megabytes instead of at the cap.
const MAX_RATIO = 100;
const RATIO_CHECKED_FROM = 5 * 1024 * 1024;

/**
 * The named entries of a zip archive, inflated as the archive is read so that the bytes actually produced are counted:
 * the sizes an archive declares for its entries can be forged. Entries not asked for are skipped without inflating.
 */
export function readZipEntries(bytes: Uint8Array, names: string[], maxBytes = MAX_UNZIPPED_BYTES): Map<string, Uint8Array> {
  const chunks = new Map<string, Uint8Array[]>();
  let total = 0;
  let offset = 0;
  let tooLarge = false;
  let broken = false;
  const unzip = new Unzip((file: UnzipFile) => {
    if (!names.includes(file.name) || chunks.has(file.name)) return;
    const parts: Uint8Array[] = [];
    chunks.set(file.name, parts);
    // The entry's compressed bytes are at most what was pushed since its header was found.
    const startedAt = offset;
    let inflated = 0;
    file.ondata = (error, data) => {
      if (error) broken = true;
      if (error || tooLarge) return;
      total += data.length;
      inflated += data.length;
      const compressed = offset + STEP_BYTES - startedAt;
      if (total > maxBytes || (inflated > RATIO_CHECKED_FROM && inflated > MAX_RATIO * compressed)) tooLarge = true;
      else parts.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (; offset < bytes.length && !tooLarge && !broken; offset += STEP_BYTES) {
      unzip.push(bytes.subarray(offset, offset + STEP_BYTES), offset + STEP_BYTES >= bytes.length);
    }
  } catch {
    broken = true;
  }
  if (tooLarge) {
    throw new KnowledgeInputError(
      "archive_too_large",
      "This document unpacks to far more data than a Word file should, so we stopped reading it. " +
        "Open it in Word, save it again (or split it into smaller documents) and upload it again.",
    );
  }
  if (broken) throw unreadableDocx();
  return new Map([...chunks].map(([name, parts]) => [name, concat(parts)]));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function unreadableDocx(): KnowledgeInputError {
  return new KnowledgeInputError(
    "unreadable_file",
    "This Word document is damaged or not a real .docx file, so we couldn't read it. Open it in Word, save it as a new " +
      ".docx and upload that.",
  );
}
