import { decodeEntities } from "./entities";
import { KnowledgeInputError } from "./errors";
import { sanitizeMarkdown } from "./markdown";
import { readZipEntries, unreadableDocx } from "./zip";

const DOCUMENT = "word/document.xml";
const STYLES = "word/styles.xml";

/** A .docx as Markdown: headings, list items and table rows kept, everything else as paragraphs of text. */
export function readDocx(bytes: Uint8Array): { text: string; title?: string } {
  const entries = readZipEntries(bytes, [DOCUMENT, STYLES]);
  const document = entries.get(DOCUMENT);
  if (!document) throw unreadableDocx();
  const styles = entries.get(STYLES);
  const utf8 = new TextDecoder();
  return documentToMarkdown(utf8.decode(document), readStyles(styles ? utf8.decode(styles) : ""));
}

/** An encrypted .docx is not a zip at all but an OLE compound file holding the encrypted package. */
export function encryptedDocxError(): KnowledgeInputError {
  return new KnowledgeInputError(
    "encrypted_file",
    "This Word document is password-protected. Open it in Word, remove the password (File > Info > Protect Document) " +
      "and upload it again.",
  );
}

interface ParagraphStyle { heading?: number; list?: boolean }

const HEADING_STYLE_ID = /^heading([1-6])$/i;

function headingLevelFromName(name: string): number | undefined {
  if (/^title$/i.test(name)) return 1;
  const level = /^heading ?([1-6])$/i.exec(name)?.[1];
  return level ? Number(level) : undefined;
}

/**
 * Heading and list styles by style id. Word localises the ids ("Ttulo1" in Portuguese, "berschrift1" in German) but
 * not the names ("heading 1"), so the names and outline levels in styles.xml tell a heading from a paragraph.
 */
function readStyles(xml: string): Map<string, ParagraphStyle> {
  const raw = new Map<string, { name: string; basedOn?: string; outline?: number; list: boolean }>();
  for (const [, attrs = "", body = ""] of xml.matchAll(/<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g)) {
    const id = attribute(attrs, "w:styleId");
    if (!id || (attribute(attrs, "w:type") ?? "paragraph") !== "paragraph") continue;
    const outline = attribute(/<w:outlineLvl\b[^>]*>/.exec(body)?.[0] ?? "", "w:val");
    const numId = attribute(/<w:numId\b[^>]*>/.exec(body)?.[0] ?? "", "w:val");
    raw.set(id, {
      name: attribute(/<w:name\b[^>]*>/.exec(body)?.[0] ?? "", "w:val") ?? "",
      basedOn: attribute(/<w:basedOn\b[^>]*>/.exec(body)?.[0] ?? "", "w:val"),
      outline: outline === undefined ? undefined : Number(outline),
      list: numId !== undefined && numId !== "0",
    });
  }
  const resolve = (id: string, depth: number): ParagraphStyle => {
    const style = raw.get(id);
    if (!style || depth > 10) return {};
    const inherited = style.basedOn ? resolve(style.basedOn, depth + 1) : {};
    const fromOutline = style.outline !== undefined && style.outline >= 0 && style.outline < 6 ? style.outline + 1 : undefined;
    return {
      heading: headingLevelFromName(style.name) ?? fromOutline ?? inherited.heading,
      list: style.list || inherited.list,
    };
  };
  return new Map([...raw.keys()].map((id) => [id, resolve(id, 0)]));
}

function styleOf(id: string, styles: Map<string, ParagraphStyle>): ParagraphStyle {
  const fromId = HEADING_STYLE_ID.exec(id)?.[1];
  return styles.get(id) ?? (fromId ? { heading: Number(fromId) } : /^title$/i.test(id) ? { heading: 1 } : {});
}

interface Paragraph { style: string; numbered: boolean; level: number; text: string }
interface Table { row: string[] | null; cell: string[] | null; rows: string[] }
type Block = { kind: "paragraph" | "list"; text: string } | { kind: "table"; rows: string[] };

/**
 * Content that is not the document's current text: mc:Fallback repeats a text box for old readers (its text is already
 * in mc:Choice), tracked changes keep the previous formatting, and moved-from text also appears where it moved to.
 */
const SKIPPED = new Set(["mc:Fallback", "w:pPrChange", "w:rPrChange", "w:moveFrom"]);

const TOKEN = /<(\/?)([A-Za-z_][\w.-]*:?[\w.-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|([^<]+)/g;

function documentToMarkdown(xml: string, styles: Map<string, ParagraphStyle>): { text: string; title?: string } {
  const blocks: Block[] = [];
  const paragraphs: Paragraph[] = [];
  const tables: Table[] = [];
  let runs = 0;
  let inText = false;
  let skipped = 0; // depth inside SKIPPED elements
  let title: string | undefined;

  const finishParagraph = (paragraph: Paragraph) => {
    const style = paragraph.numbered ? { ...styleOf(paragraph.style, styles), list: true } : styleOf(paragraph.style, styles);
    const lines = paragraph.text.replace(/\t/g, " ").split("\n").map((l) => l.replace(/ {2,}/g, " ").trim());
    const oneLine = lines.filter(Boolean).join(" ");
    if (!oneLine) return;
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.push(oneLine);
    else if (style.heading) {
      title ??= style.heading === 1 ? oneLine : undefined;
      blocks.push({ kind: "paragraph", text: `${"#".repeat(style.heading)} ${oneLine}` });
    } else if (style.list) {
      blocks.push({ kind: "list", text: `${"  ".repeat(paragraph.level)}- ${oneLine}` });
    } else {
      // Text that happens to start like a Markdown heading ("# 1 in town") must stay a paragraph.
      blocks.push({ kind: "paragraph", text: lines.join("\n").replace(/^(#{1,6})(?=\s|$)/gm, "\\$1") });
    }
  };

  for (const [, closing, name = "", attrs = "", text] of xml.matchAll(TOKEN)) {
    if (text !== undefined) {
      if (inText && skipped === 0) {
        const paragraph = paragraphs[paragraphs.length - 1];
        if (paragraph) paragraph.text += decodeEntities(text);
      }
      continue;
    }
    const selfClosing = attrs.endsWith("/");
    if (SKIPPED.has(name) && !selfClosing) skipped += closing ? -1 : 1;
    if (skipped > 0) continue;
    const paragraph = paragraphs[paragraphs.length - 1];
    const table = tables[tables.length - 1];
    if (closing) {
      if (name === "w:p") {
        const done = paragraphs.pop();
        if (done) finishParagraph(done);
      } else if (name === "w:r") runs--;
      else if (name === "w:t") inText = false;
      else if (name === "w:tc" && table?.cell && table.row) {
        table.row.push(table.cell.join(" "));
        table.cell = null;
      } else if (name === "w:tr" && table?.row) {
        if (table.row.some(Boolean)) table.rows.push(table.row.join(" | "));
        table.row = null;
      } else if (name === "w:tbl" && table) {
        tables.pop();
        const outer = tables[tables.length - 1];
        // A table inside a table cell becomes part of that cell's text.
        if (outer?.cell) outer.cell.push(table.rows.join("; "));
        else if (table.rows.length > 0) blocks.push({ kind: "table", rows: table.rows });
      }
      continue;
    }
    switch (name) {
      case "w:p":
        if (!selfClosing) paragraphs.push({ style: "", numbered: false, level: 0, text: "" });
        break;
      case "w:pStyle":
        if (paragraph) paragraph.style = attribute(attrs, "w:val") ?? "";
        break;
      case "w:numId":
        if (paragraph) paragraph.numbered = attribute(attrs, "w:val") !== "0";
        break;
      case "w:ilvl":
        if (paragraph) paragraph.level = Math.min(8, Number(attribute(attrs, "w:val")) || 0);
        break;
      case "w:r":
        if (!selfClosing) runs++;
        break;
      case "w:t":
        inText = !selfClosing;
        break;
      case "w:tab": // also the name of a tab stop in paragraph properties, which is no character
        if (paragraph && runs > 0) paragraph.text += "\t";
        break;
      case "w:br":
      case "w:cr":
        if (paragraph && runs > 0) paragraph.text += "\n";
        break;
      case "w:noBreakHyphen":
        if (paragraph) paragraph.text += "-";
        break;
      case "w:tbl":
        if (!selfClosing) tables.push({ row: null, cell: null, rows: [] });
        break;
      case "w:tr":
        if (table) table.row = [];
        break;
      case "w:tc":
        if (table) table.cell = [];
        break;
    }
  }
  return { text: sanitizeMarkdown(joinBlocks(blocks)), title };
}

/** Consecutive list items, and the rows of one table, stay together; everything else is its own paragraph. */
function joinBlocks(blocks: Block[]): string {
  let out = "";
  let previous: Block["kind"] | undefined;
  for (const block of blocks) {
    const text = block.kind === "table" ? block.rows.join("\n") : block.text;
    out += previous === undefined ? text : previous === "list" && block.kind === "list" ? `\n${text}` : `\n\n${text}`;
    previous = block.kind;
  }
  return out;
}

function attribute(attrs: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : decodeEntities(value);
}
