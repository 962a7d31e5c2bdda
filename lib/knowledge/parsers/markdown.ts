import { decodeEntities } from "./entities";

/**
 * Makes Markdown from an upload safe to store and render: no raw HTML survives, and no link or image points at a
 * scheme that runs code (javascript:, data:, vbscript:, ...). Everything else is left exactly as written.
 *
 * Code blocks get no exemption: whether a line opens a fence differs between Markdown renderers, and a sanitiser that
 * guessed differently from the renderer would let HTML through.
 */
export function sanitizeMarkdown(markdown: string): string {
  let text = markdown;
  // Removing one construct can join the pieces around it into another ("<scr<script></script>ipt>"), so repeat until
  // nothing changes; nesting deeper than the rounds allow is what no honest document does, and gets escaped instead.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = sanitizeOnce(text);
    if (next === text) return text;
    text = next;
  }
  return text.replace(/<(?=[A-Za-z/!?])/g, "&lt;");
}

const MAX_ROUNDS = 8;

// Elements whose content is code or hidden from the reader: removed with their content, not just their tags.
const HIDDEN_CONTENT = /<(script|style|iframe|noscript|template|textarea|object|xmp)\b(?:"[^"]*"|'[^']*'|[^'">])*>[\s\S]*?<\/\1\s*>/gi;
// A comment hides its text from the reader but not from the assistant, a channel for instructions the owner never saw.
const COMMENT = /<!--[\s\S]*?-->/g;
const DECLARATION = /<!\[CDATA\[[\s\S]*?\]\]>|<![A-Za-z][^>]*>|<\?[\s\S]*?\?>|<!--/g;
const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s(?:"[^"]*"|'[^']*'|[^'"<>])*)?\/?>/g;
const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "h1",
  "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul",
]);

function sanitizeOnce(text: string): string {
  const withoutHtml = text
    .replace(HIDDEN_CONTENT, "")
    .replace(COMMENT, "")
    .replace(DECLARATION, "")
    // A block tag separated its text from its neighbours; without a line break "a<br>b" would read "ab".
    .replace(TAG, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? "\n" : ""));
  return neutraliseReferenceDefinitions(neutraliseAutolinks(neutraliseInlineLinks(withoutHtml)));
}

const SAFE_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
// Character references that spell a scheme out of sight ("java&Tab;script&colon;"); the rest are refused below.
const URL_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", Tab: "\t", NewLine: "\n", sol: "/", num: "#",
  quest: "?", period: ".", nbsp: "\u00a0",
};

/** Whether a link target is http(s), mailto, tel or relative, read the way a browser would read it. */
function isSafeUrl(target: string): boolean {
  const unescaped = target.replace(/\\([!-/:-@[-`{-~])/g, "$1"); // Markdown backslash escapes
  // Browsers drop tabs, newlines and leading control characters and spaces before they look for the scheme.
  const url = decodeEntities(unescaped, URL_ENTITIES).replace(/[\u0000-\u0020\u007f-\u009f\u00a0]/g, "");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme !== undefined) return SAFE_SCHEMES.has(scheme.toLowerCase());
  // A relative URL; an unknown entity before the first "/", "?" or "#" could still decode to a colon somewhere.
  const head = url.split(/[/?#]/, 1)[0] ?? "";
  return !/&[#A-Za-z]/.test(head);
}

// "[text](" or "![alt](": link text may hold one level of brackets, as in "[![logo](a.png)](https://...)".
const LINK_OPEN = /(!?)\[((?:\\[\s\S]|[^[\]\\]|\[(?:\\[\s\S]|[^[\]\\])*\])*)\]\(/g;

function neutraliseInlineLinks(text: string): string {
  let out = "";
  let last = 0;
  const links = new RegExp(LINK_OPEN); // own lastIndex: this function calls itself on link text
  for (let open = links.exec(text); open; open = links.exec(text)) {
    const tail = readDestination(text, open.index + open[0].length);
    if (!tail) {
      // Not a link after all; a link inside its brackets still must be looked at.
      links.lastIndex = open.index + 1;
      continue;
    }
    const [, bang = "", label = ""] = open;
    const inner = neutraliseInlineLinks(label);
    out += text.slice(last, open.index);
    // An unsafe link keeps its words and loses its target; an unsafe image keeps its alt text.
    out += isSafeUrl(tail.destination) ? `${bang}[${inner}]${text.slice(open.index + open[0].length - 1, tail.end)}` : inner;
    last = tail.end;
    links.lastIndex = tail.end;
  }
  return out + text.slice(last);
}

/** Reads `destination "title")` from `start` (just after the opening parenthesis), as CommonMark does. */
function readDestination(text: string, start: number): { destination: string; end: number } | null {
  let i = skipSpace(text, start);
  let destination: string;
  if (text[i] === "<") {
    const close = text.indexOf(">", i);
    if (close < 0 || text.slice(i, close).includes("\n")) return null;
    destination = text.slice(i + 1, close);
    i = close + 1;
  } else {
    const from = i;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text[i] ?? "";
      if (c === "\\" && i + 1 < text.length) i++;
      else if (c === "(") depth++;
      else if (c === ")" && depth-- === 0) break;
      else if (/\s/.test(c)) break;
    }
    destination = text.slice(from, i);
  }
  i = skipSpace(text, i);
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === "(") {
    const closing = quote === "(" ? ")" : quote;
    for (i++; i < text.length && text[i] !== closing; i++) if (text[i] === "\\") i++;
    if (i >= text.length) return null;
    i = skipSpace(text, i + 1);
  }
  return text[i] === ")" ? { destination, end: i + 1 } : null;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? "")) i++;
  return i;
}

const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>/g;

function neutraliseAutolinks(text: string): string {
  return text.replace(AUTOLINK, (whole, target: string) => (isSafeUrl(target) ? whole : target));
}

const REFERENCE_DEFINITION = /^ {0,3}\[(?:\\[\s\S]|[^\]\\])+\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+).*$/gm;

function neutraliseReferenceDefinitions(text: string): string {
  return text.replace(REFERENCE_DEFINITION, (whole, target: string) => {
    const destination = target.startsWith("<") ? target.slice(1, -1) : target;
    return isSafeUrl(destination) ? whole : "";
  });
}

/** The text of the first level-one ATX heading ("# Prices"), without emphasis or link syntax. */
export function firstHeading(markdown: string): string | undefined {
  const heading = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m.exec(markdown)?.[1];
  if (heading === undefined) return undefined;
  const plain = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\*\*|__|[*`]/g, "").replace(/\s+/g, " ").trim();
  return plain || undefined;
}
