/**
 * Why an uploaded knowledge file was refused. Every message is shown to the salon owner as is, so it says what is
 * wrong and what to do about it, in plain words.
 */
export type KnowledgeInputErrorCode =
  | "unsupported_type"
  | "file_too_large"
  | "empty_file"
  | "unreadable_file"
  | "encrypted_file"
  | "too_many_pages"
  | "archive_too_large"
  | "invalid_csv";

export class KnowledgeInputError extends Error {
  constructor(
    public readonly code: KnowledgeInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "KnowledgeInputError";
  }
}

export interface ParseLimits {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Pages a PDF may have; checked before any text is extracted. */
  maxPdfPages: number;
  /** Characters of text one file may produce, whatever its format. */
  maxExtractedChars: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPdfPages: 500,
  maxExtractedChars: 2_000_000,
};

export function tooMuchTextError(limit: number): KnowledgeInputError {
  return new KnowledgeInputError(
    "file_too_large",
    `This file has more text than one document can hold (over ${limit.toLocaleString("en-US")} characters). ` +
      "Split it into smaller files and upload them separately.",
  );
}

export function emptyFileError(): KnowledgeInputError {
  return new KnowledgeInputError("empty_file", "This file has no text in it. Check that it is the right file and upload it again.");
}
