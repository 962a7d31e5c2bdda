/**
 * The chat's Markdown, parsed into plain data first and turned into DOM nodes after (never HTML from a string), so a
 * reply can format text but never inject markup. Links are kept only to the business's own sites over http(s); images
 * do not exist here at all; citations like [1] are marked so they can be shown small.
 */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong" | "em"; children: Inline[] }
  | { kind: "code"; text: string }
  | { kind: "link"; href: string; children: Inline[] }
  | { kind: "cite"; n: number }
  | { kind: "br" };
export type Block = { kind: "p"; children: Inline[] } | { kind: "ul" | "ol"; items: Inline[][] };

export function safeHref(url: string, linkHosts: readonly string[]): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
    return linkHosts.includes(parsed.host) ? parsed.href : null;
  } catch {
    return null;
  }
}

const INLINE = /(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|_[^_\s][^_]*_|`[^`]+`|!?\[[^\]]+\]\([^)\s]+\)|\[\d{1,2}\])/;

export function parseInline(text: string, linkHosts: readonly string[]): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push({ kind: "text", text: rest });
      break;
    }
    if (match.index > 0) out.push({ kind: "text", text: rest.slice(0, match.index) });
    const token = match[0];
    if (token.startsWith("**") || token.startsWith("__")) out.push({ kind: "strong", children: parseInline(token.slice(2, -2), linkHosts) });
    else if (token.startsWith("`")) out.push({ kind: "code", text: token.slice(1, -1) });
    else if (/^\[\d{1,2}\]$/.test(token)) out.push({ kind: "cite", n: Number(token.slice(1, -1)) });
    else if (token.startsWith("[") || token.startsWith("![")) {
      const [, label = "", url = ""] = /^!?\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      const href = token.startsWith("!") ? null : safeHref(url, linkHosts);
      // An image, or a link anywhere else, keeps only its words.
      out.push(href ? { kind: "link", href, children: parseInline(label, linkHosts) } : { kind: "text", text: label });
    } else out.push({ kind: "em", children: parseInline(token.slice(1, -1), linkHosts) });
    rest = rest.slice(match.index + token.length);
  }
  return out;
}

export function parseMarkdown(source: string, linkHosts: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = chunk.split("\n").filter((l) => l.trim());
    if (lines.length === 0) continue;
    const bullet = lines.every((l) => /^\s*[-*•]\s+/.test(l));
    const numbered = lines.every((l) => /^\s*\d+[.)]\s+/.test(l));
    if (bullet || numbered) {
      blocks.push({ kind: bullet ? "ul" : "ol", items: lines.map((l) => parseInline(l.replace(/^\s*([-*•]|\d+[.)])\s+/, ""), linkHosts)) });
      continue;
    }
    const children: Inline[] = [];
    lines.forEach((line, i) => {
      if (i > 0) children.push({ kind: "br" });
      children.push(...parseInline(line.replace(/^#+\s*/, ""), linkHosts));
    });
    blocks.push({ kind: "p", children });
  }
  return blocks;
}

function renderInline(nodes: Inline[], parent: Node): void {
  for (const node of nodes) {
    if (node.kind === "text") parent.appendChild(document.createTextNode(node.text));
    else if (node.kind === "br") parent.appendChild(document.createElement("br"));
    else if (node.kind === "code") {
      const code = document.createElement("code");
      code.textContent = node.text;
      parent.appendChild(code);
    } else if (node.kind === "cite") {
      const sup = document.createElement("sup");
      sup.className = "cite";
      sup.textContent = `[${node.n}]`;
      parent.appendChild(sup);
    } else if (node.kind === "link") {
      const a = document.createElement("a");
      a.href = node.href;
      a.target = "_blank";
      a.rel = "noopener noreferrer nofollow";
      renderInline(node.children, a);
      parent.appendChild(a);
    } else {
      const el = document.createElement(node.kind === "strong" ? "strong" : "em");
      renderInline(node.children, el);
      parent.appendChild(el);
    }
  }
}

export function renderMarkdown(source: string, linkHosts: readonly string[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const block of parseMarkdown(source, linkHosts)) {
    if (block.kind === "p") {
      const p = document.createElement("p");
      renderInline(block.children, p);
      fragment.appendChild(p);
    } else {
      const list = document.createElement(block.kind);
      for (const item of block.items) {
        const li = document.createElement("li");
        renderInline(item, li);
        list.appendChild(li);
      }
      fragment.appendChild(list);
    }
  }
  return fragment;
}
