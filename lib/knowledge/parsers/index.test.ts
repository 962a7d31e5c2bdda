import { describe, expect, it } from "vitest";

import { DEFAULT_PARSE_LIMITS, KnowledgeInputError, parseKnowledgeFile, titleFromName } from "./index";

const encode = (text: string) => new TextEncoder().encode(text);

async function parseError(file: { name: string; type?: string; bytes: Uint8Array }, limits = {}): Promise<KnowledgeInputError> {
  const error = await parseKnowledgeFile(file, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KnowledgeInputError)) throw new Error(`expected a KnowledgeInputError, got ${String(error)}`);
  return error;
}

describe("parseKnowledgeFile", () => {
  it("has the documented default limits", () => {
    expect(DEFAULT_PARSE_LIMITS).toEqual({ maxBytes: 20 * 1024 * 1024, maxPdfPages: 500, maxExtractedChars: 2_000_000 });
  });

  it("reads Markdown: sanitised, newlines normalised, titled by its first # heading", async () => {
    const bytes = encode("\uFEFFIntro\r\n\r\n# Aftercare <b>guide</b>\r\n\r\nNo washing for 48h.<script>x()</script>\r\n[Book](javascript:go())\r\n");
    const progress: number[] = [];
    expect(await parseKnowledgeFile({ name: "aftercare.md", bytes }, {}, (f) => progress.push(f))).toEqual({
      title: "Aftercare guide",
      kind: "article",
      format: "markdown",
      text: "Intro\n\n# Aftercare guide\n\nNo washing for 48h.\nBook",
    });
    expect(progress).toEqual([1]);
  });

  it("titles Markdown without a heading, and plain text, by the file name", async () => {
    expect((await parseKnowledgeFile({ name: "notes.markdown", bytes: encode("## Sub\ntext") })).title).toBe("Notes");
    expect(await parseKnowledgeFile({ name: "C:\\docs\\Opening hours.TXT", bytes: encode("  Mon-Fri 9-18\r\n# not a heading\r") })).toEqual({
      title: "Opening hours",
      kind: "text",
      format: "text",
      text: "Mon-Fri 9-18\n# not a heading",
    });
  });

  it("reads UTF-16 text that carries a byte order mark", async () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from("Olá", "utf16le")]);
    expect((await parseKnowledgeFile({ name: "a.txt", bytes: utf16 })).text).toBe("Olá");
  });

  it("falls back to the MIME type only when the name has no extension", async () => {
    expect((await parseKnowledgeFile({ name: "shared", type: "text/plain; charset=utf-8", bytes: encode("hi") })).format).toBe("text");
    expect((await parseError({ name: "photo.png", type: "text/plain", bytes: encode("hi") })).code).toBe("unsupported_type");
  });

  it("refuses unsupported types, naming the supported ones", async () => {
    for (const name of ["setup.exe", "archive.zip", "photo.png", "noextension"]) {
      const error = await parseError({ name, bytes: encode("x") });
      expect(error.code).toBe("unsupported_type");
      expect(error.message).toContain("PDF, Word (.docx), Markdown (.md, .markdown), plain text (.txt) or CSV");
    }
    expect((await parseError({ name: "photo.png", bytes: encode("x") })).message).toBe(
      ".png files can't be added. Upload a PDF, Word (.docx), Markdown (.md, .markdown), plain text (.txt) or CSV file.",
    );
    expect((await parseError({ name: "old.doc", bytes: encode("x") })).message).toMatch(/save it as \.docx/);
  });

  it("refuses a file over the size limit, saying the limit in MB", async () => {
    const error = await parseError({ name: "big.txt", bytes: new Uint8Array(3 * 1024 * 1024 + 1).fill(0x61) }, { maxBytes: 3 * 1024 * 1024 });
    expect(error.code).toBe("file_too_large");
    expect(error.message).toBe("This file is 3 MB; the limit is 3 MB. Split it into smaller files or remove large images, then upload it again.");
  });

  it("refuses a file with more text than a document may hold", async () => {
    const error = await parseError({ name: "long.txt", bytes: encode("word ".repeat(30)) }, { maxExtractedChars: 100 });
    expect(error.code).toBe("file_too_large");
    expect(error.message).toMatch(/over 100 characters/);
  });

  it("ignores limits passed as undefined", async () => {
    expect((await parseKnowledgeFile({ name: "a.txt", bytes: encode("ok") }, { maxBytes: undefined })).text).toBe("ok");
  });

  it("refuses empty and whitespace-only files", async () => {
    for (const text of ["", " \r\n\t\n", "<script>only()</script>"]) {
      expect((await parseError({ name: "empty.md", bytes: encode(text) })).code).toBe("empty_file");
    }
  });

  it("refuses text that is not UTF-8, or contains NUL bytes", async () => {
    for (const bytes of [Uint8Array.from([0x48, 0x69, 0xff, 0xfe, 0x21]), Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), encode("a\u0000b")]) {
      const error = await parseError({ name: "notes.txt", bytes });
      expect(error.code).toBe("unreadable_file");
      expect(error.message).toMatch(/UTF-8/);
    }
  });
});

describe("titleFromName", () => {
  it("turns a file name into a title a person would write", () => {
    expect(titleFromName("price-list.pdf")).toBe("Price list");
    expect(titleFromName("C:\\docs\\spa_menu_2026.docx")).toBe("Spa menu 2026");
    expect(titleFromName("faq.csv")).toBe("FAQ");
    expect(titleFromName("salon-faqs.csv")).toBe("Salon FAQs");
    expect(titleFromName(".csv")).toBe("Untitled document");
  });
});
