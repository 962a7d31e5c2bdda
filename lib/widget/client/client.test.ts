import { describe, expect, it } from "vitest";
import { readableTextColour } from "./colour";
import { parseInline, parseMarkdown, safeHref } from "./chat/markdown";
import { newMessageId } from "./chat/ids";
import { SseParser } from "./chat/stream";

const hosts = ["lumen.example"];

describe("the chat's Markdown", () => {
  it("formats bold, italics, code, lists and citations as data, never as HTML", () => {
    expect(parseMarkdown("A **women's cut** is *€48* [1].\n\n- Men: `€28`\n- Kids: €20", hosts)).toEqual([
      { kind: "p", children: [
        { kind: "text", text: "A " },
        { kind: "strong", children: [{ kind: "text", text: "women's cut" }] },
        { kind: "text", text: " is " },
        { kind: "em", children: [{ kind: "text", text: "€48" }] },
        { kind: "text", text: " " },
        { kind: "cite", n: 1 },
        { kind: "text", text: "." },
      ] },
      { kind: "ul", items: [[{ kind: "text", text: "Men: " }, { kind: "code", text: "€28" }], [{ kind: "text", text: "Kids: €20" }]] },
    ]);
  });

  it("keeps HTML as text", () => {
    expect(parseInline('<img src=x onerror="alert(1)"><script>alert(1)</script>', hosts)).toEqual([
      { kind: "text", text: '<img src=x onerror="alert(1)"><script>alert(1)</script>' },
    ]);
  });

  it("links only to the business's own sites over http(s), and never shows images", () => {
    expect(parseInline("[Book](https://lumen.example/book)", hosts)).toEqual([
      { kind: "link", href: "https://lumen.example/book", children: [{ kind: "text", text: "Book" }] },
    ]);
    expect(parseInline("[Win](https://evil.example/)", hosts)).toEqual([{ kind: "text", text: "Win" }]);
    expect(parseInline("[x](javascript:alert(1))", hosts).some((node) => node.kind === "link")).toBe(false);
    expect(parseInline("![logo](https://lumen.example/logo.png)", hosts)).toEqual([{ kind: "text", text: "logo" }]);
    expect(safeHref("data:text/html,<b>x</b>", hosts)).toBeNull();
    expect(safeHref("https://lumen.example.evil.test/", hosts)).toBeNull();
  });
});

describe("SseParser", () => {
  it("reassembles events split anywhere by the network", () => {
    const stream =
      'data: {"type":"start"}\n\ndata: {"type":"text-start","id":"reply"}\n\ndata: {"type":"text-delta","id":"reply","delta":"Hel"}\n\n' +
      'data: {"type":"text-delta","id":"reply","delta":"lo"}\n\ndata: {"type":"data-reply","data":{"messageId":"m1","sources":[],"confidence":0.9,"intent":"greeting","handedOff":false,"status":"ai","quickReplies":[]}}\n\ndata: [DONE]\n\n';
    for (const size of [1, 7, 50, stream.length]) {
      const parser = new SseParser();
      const chunks = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(...parser.push(stream.slice(i, i + size)));
      expect(chunks.filter((c) => c.type === "text-delta").map((c) => (c.type === "text-delta" ? c.delta : "")).join("")).toBe("Hello");
      expect(chunks.find((c) => c.type === "data-reply")).toMatchObject({ data: { messageId: "m1", status: "ai" } });
    }
  });
});

describe("readableTextColour", () => {
  it("puts white on dark colours and black on light ones", () => {
    expect(readableTextColour("#4f46e5")).toBe("#ffffff");
    expect(readableTextColour("#111827")).toBe("#ffffff");
    expect(readableTextColour("#fde047")).toBe("#000000");
    expect(readableTextColour("#ffffff")).toBe("#000000");
  });
});

describe("newMessageId", () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("is a v4 UUID, also where crypto.randomUUID is missing (a frame in a plain-http page is no secure context)", () => {
    expect(newMessageId()).toMatch(UUID_V4);
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 200 }, () => newMessageId()));
      expect(ids.size).toBe(200);
      for (const id of ids) expect(id).toMatch(UUID_V4);
    } finally {
      Object.defineProperty(crypto, "randomUUID", { value: original, configurable: true });
    }
  });
});
