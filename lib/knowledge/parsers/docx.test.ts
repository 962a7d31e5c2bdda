import { randomBytes } from "node:crypto";

import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { KnowledgeInputError, parseKnowledgeFile } from "./index";
import { buildDocx, buildZipBomb, OLE_HEADER, stylesXml } from "./test-fixtures";
import { readZipEntries } from "./zip";

const styled = (style: string, text: string) =>
  `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
const listItem = (level: number, text: string) =>
  `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="1"/></w:numPr></w:pPr>` +
  `<w:r><w:t>${text}</w:t></w:r></w:p>`;
const cell = (text: string) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

async function parseError(promise: Promise<unknown>): Promise<KnowledgeInputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KnowledgeInputError)) throw new Error(`expected a KnowledgeInputError, got ${String(error)}`);
  return error;
}

describe("DOCX", () => {
  it("turns headings, lists, tables, tabs and line breaks into Markdown and decodes entities", async () => {
    const body = [
      styled("Title", "Salon Guide"),
      styled("Heading1", "Hair &amp; Beauty"),
      // A tab stop in the paragraph properties is layout, not a tab character.
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">We open at </w:t></w:r>' +
        "<w:r><w:rPr><w:b/></w:rPr><w:t>9:00</w:t></w:r><w:r><w:tab/><w:t>every day.</w:t></w:r></w:p>",
      styled("Heading2", "Services"),
      listItem(0, "Cut"),
      listItem(1, "Kids&apos; cut"),
      listItem(0, "Colour"),
      `<w:tbl><w:tblPr/><w:tr>${cell("Service")}${cell("Price")}</w:tr><w:tr>${cell("Cut")}${cell("&lt;30 min&gt; &#8364;25")}</w:tr></w:tbl>`,
      "<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>Line two</w:t></w:r></w:p>",
      "<w:p/>",
      '<w:p><w:r><w:delText>deleted words</w:delText></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t># 1 in town</w:t></w:r></w:p>',
    ].join("");
    const parsed = await parseKnowledgeFile({ name: "guide.docx", bytes: buildDocx(body) });
    expect(parsed).toEqual({
      title: "Salon Guide",
      kind: "article",
      format: "docx",
      text: [
        "# Salon Guide",
        "# Hair & Beauty",
        "We open at 9:00 every day.",
        "## Services",
        "- Cut\n  - Kids' cut\n- Colour",
        "Service | Price\nCut | <30 min> €25",
        "Line one\nLine two",
        "\\# 1 in town",
      ].join("\n\n"),
    });
  });

  it("recognises headings by style name, as Word localises style ids", async () => {
    const styles = stylesXml(
      '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Ttulo1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>' +
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Destaque"><w:name w:val="Destaque"/><w:basedOn w:val="Ttulo3"/></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Ttulo3"><w:name w:val="heading 3"/></w:style>' +
        '<w:style w:type="paragraph" w:styleId="Marcador"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>',
    );
    const body = styled("Ttulo1", "Preços") + styled("Destaque", "Unhas") + styled("Marcador", "Manicure") + styled("Normal", "Texto");
    const parsed = await parseKnowledgeFile({ name: "precos.docx", bytes: buildDocx(body, { "word/styles.xml": styles }) });
    expect(parsed.text).toBe("# Preços\n\n### Unhas\n\n- Manicure\n\nTexto");
    expect(parsed.title).toBe("Preços");
  });

  it("reads text boxes and links once, and skips text that tracked changes moved or whose old style they keep", async () => {
    const box = (text: string) => `<w:txbxContent><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:txbxContent>`;
    const body = [
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box("Gift cards available")}</w:drawing></mc:Choice>` +
        `<mc:Fallback><w:pict>${box("Gift cards available")}</w:pict></mc:Fallback></mc:AlternateContent></w:r>` +
        '<w:hyperlink r:id="rId5"><w:r><w:t>Book online</w:t></w:r></w:hyperlink></w:p>',
      '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:pPrChange></w:pPr>' +
        "<w:r><w:t>Policies</w:t></w:r></w:p>",
      '<w:p><w:moveFrom w:id="2"><w:r><w:t>Old place</w:t></w:r></w:moveFrom><w:r><w:t>Kept</w:t></w:r></w:p>',
    ].join("");
    const parsed = await parseKnowledgeFile({ name: "misc.docx", bytes: buildDocx(body) });
    expect(parsed.text).toBe("Gift cards available\n\nBook online\n\n## Policies\n\nKept");
  });

  it("uses the file name as the title when there is no title or top-level heading", async () => {
    const parsed = await parseKnowledgeFile({ name: "Aftercare.docx", bytes: buildDocx(styled("Heading2", "Colour")) });
    expect(parsed.title).toBe("Aftercare");
  });

  it("refuses a 60 MB zip bomb whose headers declare no sizes", async () => {
    const bomb = buildZipBomb(60);
    expect(bomb.length).toBeLessThan(200_000);
    const error = await parseError(parseKnowledgeFile({ name: "bomb.docx", bytes: bomb }));
    expect(error.code).toBe("archive_too_large");
    expect(error.message).toMatch(/^This document unpacks to far more data than a Word file should/);
  });

  it("counts inflated bytes against the cap even when the zip declares the sizes", () => {
    const bytes = zipSync({ "word/document.xml": new Uint8Array(3 * 1024 * 1024) }, { level: 9 });
    expect(() => readZipEntries(bytes, ["word/document.xml"], 1024 * 1024)).toThrow(
      expect.objectContaining({ code: "archive_too_large" }),
    );
    expect(readZipEntries(bytes, ["word/document.xml"]).get("word/document.xml")?.length).toBe(3 * 1024 * 1024);
  });

  it("stops a large entry that inflates more than a hundredfold, under the cap", () => {
    const bomb = zipSync({ "word/document.xml": new Uint8Array(6 * 1024 * 1024) }, { level: 9 });
    expect(() => readZipEntries(bomb, ["word/document.xml"])).toThrow(expect.objectContaining({ code: "archive_too_large" }));
    // The same size that compresses as ordinary data does is read in full.
    const noise = new Uint8Array(randomBytes(6 * 1024 * 1024));
    const normal = zipSync({ "word/document.xml": noise }, { level: 1 });
    const read = readZipEntries(normal, ["word/document.xml"]).get("word/document.xml") ?? new Uint8Array();
    expect(Buffer.from(read).equals(noise)).toBe(true); // toEqual would compare 6 million elements one by one
  });

  it("calls an OLE compound file named .docx encrypted", async () => {
    const error = await parseError(parseKnowledgeFile({ name: "locked.docx", bytes: OLE_HEADER }));
    expect(error.code).toBe("encrypted_file");
    expect(error.message).toMatch(/^This Word document is password-protected\./);
  });

  it("refuses a zip without a Word document, a corrupt zip, and a non-zip named .docx", async () => {
    const notWord = zipSync({ "content.xml": strToU8("<office:document/>") });
    expect((await parseError(parseKnowledgeFile({ name: "a.docx", bytes: notWord }))).code).toBe("unreadable_file");
    const corrupt = buildDocx(styled("Heading1", "x")).slice(0, 200);
    expect((await parseError(parseKnowledgeFile({ name: "b.docx", bytes: corrupt }))).code).toBe("unreadable_file");
    const text = strToU8("just some text");
    expect((await parseError(parseKnowledgeFile({ name: "c.docx", bytes: text }))).code).toBe("unreadable_file");
  });

  it("refuses a document with no text", async () => {
    expect((await parseError(parseKnowledgeFile({ name: "blank.docx", bytes: buildDocx("<w:p/>") }))).code).toBe("empty_file");
  });
});
