import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";

import { KnowledgeInputError, parseKnowledgeFile } from "./index";
import { buildEncryptedPdf, buildImageOnlyPdf, buildPdf } from "./test-fixtures";

async function parseError(promise: Promise<unknown>): Promise<KnowledgeInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KnowledgeInputError)) throw new Error(`expected a KnowledgeInputError, got ${String(error)}`);
  return error;
}

describe("PDF", () => {
  it("extracts every page's text in order, reporting progress page by page", async () => {
    const bytes = await buildPdf([["Opening hours", "Monday to Friday 9-18"], ["Prices"], ["Cancellation policy: 24 hours"]]);
    const progress: number[] = [];
    const parsed = await parseKnowledgeFile({ name: "salon-guide.pdf", bytes }, {}, (f) => progress.push(f));
    expect(parsed).toEqual({
      title: "Salon guide",
      kind: "text",
      format: "pdf",
      pages: 3,
      text: "Opening hours\nMonday to Friday 9-18\n\nPrices\n\nCancellation policy: 24 hours",
    });
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
    expect(bytes.length).toBeGreaterThan(0); // the caller's bytes are not handed over to pdf.js
  });

  it("takes the title from the PDF's metadata unless it is a placeholder or a file name", async () => {
    const titled = await buildPdf([["Body"]], { title: "Bridal Packages 2025" });
    expect((await parseKnowledgeFile({ name: "x.pdf", bytes: titled })).title).toBe("Bridal Packages 2025");
    const fileNamed = await buildPdf([["Body"]], { title: "Microsoft Word - prices.docx" });
    expect((await parseKnowledgeFile({ name: "prices.pdf", bytes: fileNamed })).title).toBe("Prices");
  });

  it("reads a 50-page PDF", async () => {
    const pages = Array.from({ length: 50 }, (_, i) => [`Page ${i + 1} of the staff handbook`]);
    const parsed = await parseKnowledgeFile({ name: "handbook.pdf", bytes: await buildPdf(pages) });
    expect(parsed.pages).toBe(50);
    expect(parsed.text.split("\n\n")).toEqual(pages.map(([line]) => line));
  });

  it("refuses a PDF with more pages than allowed before extracting any text", async () => {
    const bytes = await buildPdf(Array.from({ length: 12 }, () => ["text"]));
    const progress: number[] = [];
    const error = await parseError(parseKnowledgeFile({ name: "big.pdf", bytes }, { maxPdfPages: 10 }, (f) => progress.push(f)));
    expect(error.code).toBe("too_many_pages");
    expect(error.message).toBe("This PDF has 12 pages; the limit is 10. Split it into smaller files and upload them separately.");
    expect(progress).toEqual([]);
  });

  it("calls a PDF without a text layer scanned", async () => {
    const error = await parseError(parseKnowledgeFile({ name: "scan.pdf", bytes: await buildImageOnlyPdf() }));
    expect(error.code).toBe("empty_file");
    expect(error.message).toMatch(/scanned or image-only/);
  });

  it("refuses a password-protected PDF", async () => {
    const bytes = buildEncryptedPdf("Secret price list", "letmein");
    // The fixture is a genuine encrypted PDF: with the password, pdf.js reads its text.
    const unlocked = await getDocumentProxy(bytes.slice(), { password: "letmein", verbosity: 0 });
    const content = await (await unlocked.getPage(1)).getTextContent();
    expect(content.items.map((item) => ("str" in item ? item.str : ""))).toEqual(["Secret price list"]);
    await unlocked.destroy();

    const error = await parseError(parseKnowledgeFile({ name: "locked.pdf", bytes }));
    expect(error.code).toBe("encrypted_file");
    expect(error.message).toMatch(/^This PDF is password-protected\. Remove the password/);
  });

  it("refuses random bytes named .pdf, and a PDF header with nothing valid after it", async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect((await parseError(parseKnowledgeFile({ name: "menu.pdf", bytes: random }))).code).toBe("unreadable_file");
    const broken = new TextEncoder().encode("%PDF-1.7\nthis is not the rest of a PDF\n");
    expect((await parseError(parseKnowledgeFile({ name: "menu.pdf", bytes: broken }))).code).toBe("unreadable_file");
  });
});
