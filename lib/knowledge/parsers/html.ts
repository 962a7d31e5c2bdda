import { HTMLElement, parse, TextNode, type Node } from "node-html-parser";

import { sanitizeMarkdown } from "./markdown";

/** Parts of a page that are not its content: code, chrome around it, and controls. */
const DROPPED = new Set([
  "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
  "nav", "aside", "form", "button", "select", "textarea", "input", "dialog", "head", "img", "picture", "map",
]);
// The site-wide banner and footer; inside an article or section they are that part's own header and footer.
const LANDMARKS = new Set(["header", "footer"]);
const SECTIONING = new Set(["article", "aside", "main", "nav", "section"]);
const PARAGRAPHS = new Set([
  "p", "div", "section", "article", "main", "header", "footer", "blockquote", "figure", "figcaption", "address",
  "details", "summary", "dl", "table", "hr", "fieldset", "center",
]);
const LINES = new Set(["dt", "dd", "caption", "tbody", "thead", "tfoot"]);
const HEADING = /^h([1-6])$/;
// Marks list indentation while lines are trimmed; no decoded text contains it (NULs are removed first).
const INDENT = "\u0000";

/**
 * A fetched web page as Markdown for the knowledge base: the main content only (the <main> or single <article>
 * when the page has one), with headings, lists and table rows kept and everything else reduced to text.
 * `baseUrl` names the page when it has neither a <title> nor an <h1>.
 */
export function htmlToMarkdown(html: string, baseUrl?: string): { title: string; text: string } {
  const document = parse(html.replace(/\u0000/g, ""), { parseNoneClosedTags: true, comment: false });
  const title = oneLine(document.querySelector("title")?.text ?? "") || oneLine(document.querySelector("h1")?.text ?? "");
  const articles = document.querySelectorAll("article");
  const root =
    document.querySelector("main") ??
    document.querySelector('[role="main"]') ??
    (articles.length === 1 ? articles[0] : undefined) ??
    document.querySelector("body") ??
    document;
  const markdown = new MarkdownWriter();
  markdown.children(root);
  const text = tidy(sanitizeMarkdown(markdown.result()));
  return { title: oneLine(sanitizeMarkdown(title)) || titleFromUrl(baseUrl), text };
}

/**
 * Writes text with the line breaks blocks ask for: a block asks for a blank line around it, a list item or table row
 * for a line break, and the strongest request since the last text wins, so nested blocks add no extra blank lines.
 */
class MarkdownWriter {
  private out = "";
  private pendingBreaks = 0;
  private listDepth = 0;
  private preformatted = 0;

  result(): string {
    return this.out
      .split("\n")
      .map((line) => line.replace(/(\S)[ \t]{2,}/g, "$1 ").trim().replace(/^\u0000+/, (indent) => "  ".repeat(indent.length)))
      .join("\n");
  }

  children(element: HTMLElement): void {
    for (const child of element.childNodes) this.node(child);
  }

  private write(text: string): void {
    if (!text) return;
    if (this.pendingBreaks > 0) {
      if (!text.trim()) return;
      if (this.out) this.out += "\n".repeat(this.pendingBreaks);
      this.pendingBreaks = 0;
    }
    this.out += text;
  }

  private breakLine(count: 1 | 2): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, count);
  }

  private node(node: Node): void {
    if (node instanceof TextNode) {
      this.write(this.preformatted > 0 ? node.text : node.text.replace(/\s+/g, " "));
      return;
    }
    if (!(node instanceof HTMLElement) || isHidden(node)) return;
    const tag = node.rawTagName.toLowerCase();
    if (DROPPED.has(tag) || (LANDMARKS.has(tag) && !hasSectioningAncestor(node))) return;
    const heading = HEADING.exec(tag);
    if (heading) {
      const text = oneLine(this.inline(node));
      if (!text) return;
      this.breakLine(2);
      this.write(`${"#".repeat(Number(heading[1]))} ${text}`);
      this.breakLine(2);
    } else if (tag === "li") {
      this.breakLine(1);
      this.write(`${INDENT.repeat(Math.max(0, this.listDepth - 1))}- `);
      this.children(node);
      this.breakLine(1);
    } else if (tag === "ul" || tag === "ol") {
      // A nested list continues its parent list: no blank line would split it.
      const around = this.listDepth > 0 ? 1 : 2;
      this.listDepth++;
      this.block(node, around);
      this.listDepth--;
    } else if (tag === "tr") {
      const cells = node.childNodes.filter((c): c is HTMLElement => c instanceof HTMLElement && /^t[dh]$/i.test(c.rawTagName));
      const row = cells.map((cell) => oneLine(this.inline(cell))).filter(Boolean);
      if (row.length === 0) return;
      this.breakLine(1);
      this.write(row.join(" | "));
      this.breakLine(1);
    } else if (tag === "br") {
      this.out += this.pendingBreaks === 0 ? "\n" : "";
      this.pendingBreaks = this.pendingBreaks === 0 ? 0 : 2;
    } else if (tag === "pre") {
      this.preformatted++;
      this.block(node, 2);
      this.preformatted--;
    } else if (PARAGRAPHS.has(tag)) {
      // Inside a list item a paragraph stays on the item's line.
      if (this.listDepth > 0) {
        this.write(" ");
        this.children(node);
      } else this.block(node, 2);
    } else if (LINES.has(tag)) {
      this.block(node, 1);
    } else {
      this.children(node);
    }
  }

  private block(element: HTMLElement, breaks: 1 | 2): void {
    this.breakLine(breaks);
    this.children(element);
    this.breakLine(breaks);
  }

  /** An element's text as one would read it inline: a table cell or heading with its line breaks made spaces. */
  private inline(element: HTMLElement): string {
    const writer = new MarkdownWriter();
    writer.preformatted = this.preformatted;
    writer.children(element);
    return writer.out.replaceAll(INDENT, "");
  }
}

function isHidden(element: HTMLElement): boolean {
  if (element.hasAttribute("hidden") || element.getAttribute("aria-hidden")?.trim().toLowerCase() === "true") return true;
  const style = element.getAttribute("style")?.toLowerCase().replace(/\s+/g, "") ?? "";
  return style.includes("display:none") || style.includes("visibility:hidden");
}

function hasSectioningAncestor(element: HTMLElement): boolean {
  for (let parent = element.parentNode; parent; parent = parent.parentNode) {
    if (SECTIONING.has(parent.rawTagName?.toLowerCase() ?? "")) return true;
  }
  return false;
}

/** Removing an element can leave doubled spaces and blank lines behind; list indentation stays. */
function tidy(markdown: string): string {
  return markdown
    .split("\n")
    .map((line) => line.replace(/(\S)[ \t]{2,}/g, "$1 ").trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "https://salon.example/our-prices" → "our prices"; the host name when the path says nothing. */
function titleFromUrl(baseUrl: string | undefined): string {
  if (!baseUrl) return "";
  try {
    const url = new URL(baseUrl);
    const last = url.pathname.split("/").filter(Boolean).pop() ?? "";
    const words = decodeURIComponent(last).replace(/\.[a-z0-9]{1,5}$/i, "").replace(/[-_+]+/g, " ").trim();
    return words || url.hostname;
  } catch {
    return "";
  }
}
