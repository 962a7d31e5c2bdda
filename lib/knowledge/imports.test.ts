import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { withUser } from "@/lib/db";
import { claimsFor, createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";
import { getKnowledgeDocument, listKnowledgeDocuments } from "./documents";
import { importFromUrl, importUploadedFile, previewFaqCsv } from "./imports";
import { runKnowledgeJobs } from "./indexing";
import { buildEncryptedPdf, buildPdf } from "./parsers/test-fixtures";
import { searchKnowledge } from "./search";

const asUser = <T>(userId: string, fn: Parameters<typeof withUser<T>>[1]) => withUser(claimsFor(userId), fn);
const bytes = (text: string) => new TextEncoder().encode(text);
const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
};

const FAQ_CSV = 'question,answer\n"Do you do balayage?","Yes, from €120, about 3 hours."\n"Is there parking?","Free parking behind the salon."\n';

/** A small website on loopback: the pages a salon owner would import. */
async function site(host: string, routes: Record<string, (origin: string) => { status?: number; type?: string; body?: string; location?: string }>) {
  const server: Server = createServer((req, res) => {
    const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
    const handler = routes[req.url ?? "/"];
    if (!handler) return void res.writeHead(404).end();
    const r = handler(origin);
    res.writeHead(r.status ?? 200, { "content-type": r.type ?? "text/html; charset=utf-8", ...(r.location ? { location: r.location } : {}) }).end(r.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { origin: `http://${host}:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const page = (title: string, body: string) =>
  `<html><head><title>${title}</title><script>steal()</script></head><body><nav>Home | Prices</nav><main>${body}</main><footer>© Ada</footer></body></html>`;

describe("knowledge imports", () => {
  const t = useTestDatabase();

  afterEach(() => {
    delete process.env.URL_IMPORT_ALLOW_CIDRS;
    resetConfigForTests();
  });

  async function world() {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const salon = await createBusinessAs(ada, { name: "Ada's Salon", vertical: "salon" });
    const upload = (file: { name: string; type?: string; bytes: Uint8Array }, extra: { replaceDocumentId?: string; skipInvalidRows?: boolean } = {}) =>
      asUser(ada, (tx) => importUploadedFile(tx, { businessId: salon, file: { type: "", ...file }, category: "faq", ...extra }));
    const list = () => asUser(ada, (tx) => listKnowledgeDocuments(tx, { businessId: salon }));
    return { ada, salon, upload, list };
  }

  it("turns a question/answer CSV into an FAQ the assistant can search", async () => {
    const { ada, salon, upload } = await world();
    const doc = await upload({ name: "salon-faq.csv", bytes: bytes(FAQ_CSV) });
    expect(doc).toMatchObject({ kind: "faq", title: "Salon FAQ", sourceName: "salon-faq.csv", status: "pending" });
    await runKnowledgeJobs();
    const detail = await asUser(ada, (tx) => getKnowledgeDocument(tx, { businessId: salon, documentId: doc.id }));
    expect(detail.faqEntries).toEqual([
      { question: "Do you do balayage?", answer: "Yes, from €120, about 3 hours." },
      { question: "Is there parking?", answer: "Free parking behind the salon." },
    ]);
    const { results } = await asUser(ada, (tx) => searchKnowledge(tx, { businessId: salon, query: "do u do balayage" }));
    expect(results[0]?.content).toContain("from €120");
  });

  it("previews row errors, refuses the file until told to skip them, and then imports only valid rows", async () => {
    const { upload, list } = await world();
    const csv = bytes(`${FAQ_CSV}"Do you sell gift cards?",\n`);
    expect(previewFaqCsv({ name: "faq.csv", type: "text/csv", bytes: csv })).toMatchObject({ entries: [{ line: 2 }, { line: 3 }], errors: [{ line: 4 }] });
    expect(await errorOf(upload({ name: "faq.csv", bytes: csv }))).toMatchObject({ status: 422, code: "invalid_csv", details: { errors: [{ line: 4 }] } });
    expect(await list()).toEqual([]);
    const doc = await upload({ name: "faq.csv", bytes: csv }, { skipInvalidRows: true });
    expect(doc.kind).toBe("faq");
    expect(await errorOf(upload({ name: "broken.csv", bytes: bytes('question,answer\n"unclosed,quote\n') }))).toMatchObject({ status: 422, code: "invalid_csv" });
    expect(await errorOf(upload({ name: "wrong.csv", bytes: bytes("name,email\nAda,ada@x.test\n") }))).toMatchObject({ status: 422, code: "invalid_csv" });
  });

  it("reads a PDF, spots a re-upload, and updates the same item with a new version", async () => {
    const { upload, list } = await world();
    const v1 = await buildPdf([["Price list", "Haircut 30 euros"], ["Colour from 60 euros"]]);
    const doc = await upload({ name: "prices.pdf", bytes: v1 });
    expect(doc).toMatchObject({ kind: "file", mimeType: "application/pdf" });
    expect(await errorOf(upload({ name: "prices.pdf", bytes: v1 }))).toMatchObject({ status: 409, code: "duplicate", details: { documentId: doc.id, sameContent: true } });
    const v2 = await buildPdf([["Price list", "Haircut 35 euros"]]);
    expect(await errorOf(upload({ name: "prices.pdf", bytes: v2 }))).toMatchObject({ status: 409, code: "duplicate", details: { documentId: doc.id, sameContent: false } });
    await runKnowledgeJobs();
    const updated = await upload({ name: "prices.pdf", bytes: v2 }, { replaceDocumentId: doc.id });
    expect(updated).toMatchObject({ id: doc.id, status: "pending" });
    expect(await list()).toHaveLength(1);
  });

  it("refuses unreadable uploads with the reason and writes nothing", async () => {
    const { upload, list } = await world();
    expect(await errorOf(upload({ name: "virus.exe", bytes: bytes("MZ") }))).toMatchObject({ status: 415, code: "unsupported_type" });
    expect(await errorOf(upload({ name: "secret.pdf", bytes: buildEncryptedPdf("Secret", "pw") }))).toMatchObject({ status: 422, code: "encrypted_file" });
    expect(await errorOf(upload({ name: "empty.txt", bytes: bytes("  \n ") }))).toMatchObject({ status: 422, code: "empty_file" });
    expect(await list()).toEqual([]);
  });

  it("imports a page's readable text, never its scripts, and refreshes it when imported again", async () => {
    process.env.URL_IMPORT_ALLOW_CIDRS = "127.0.0.1/32";
    resetConfigForTests();
    const { ada, salon, list } = await world();
    const web = await site("127.0.0.1", { "/prices": () => ({ body: page("Prices | Ada's Salon", "<h1>Prices</h1><p>Cut &amp; style: 40 euros</p>") }) });
    try {
      const [doc] = await asUser(ada, (tx) => importFromUrl(tx, { businessId: salon, url: `${web.origin}/prices`, category: "prices", mode: "page" }));
      const detail = await asUser(ada, (tx) => getKnowledgeDocument(tx, { businessId: salon, documentId: doc!.id }));
      expect(detail).toMatchObject({ kind: "url", title: "Prices | Ada's Salon", sourceName: `${web.origin}/prices` });
      expect(detail.body).toBe("# Prices\n\nCut & style: 40 euros");
      const again = await asUser(ada, (tx) => importFromUrl(tx, { businessId: salon, url: `${web.origin}/prices`, category: "prices", mode: "page" }));
      expect(again[0]?.id).toBe(doc!.id);
      expect(await list()).toHaveLength(1);
    } finally {
      await web.close();
    }
  });

  it("refuses private addresses unless configured, including through a redirect", async () => {
    const { ada, salon, list } = await world();
    const inside = await site("127.0.0.2", { "/": () => ({ body: page("Router admin", "<p>admin</p>") }) });
    const web = await site("127.0.0.1", { "/go": () => ({ status: 302, location: `${inside.origin}/` }) });
    const importUrl = (url: string) => asUser(ada, (tx) => importFromUrl(tx, { businessId: salon, url, category: "other", mode: "page" }));
    try {
      expect(await errorOf(importUrl(`${web.origin}/go`))).toMatchObject({ status: 422, code: "blocked_address" });
      process.env.URL_IMPORT_ALLOW_CIDRS = "127.0.0.1/32";
      resetConfigForTests();
      expect(await errorOf(importUrl(`${web.origin}/go`))).toMatchObject({ status: 422, code: "blocked_address" });
      expect(await errorOf(importUrl("ftp://example.com/file"))).toMatchObject({ status: 422, code: "invalid_url" });
      expect(await list()).toEqual([]);
    } finally {
      await Promise.all([web.close(), inside.close()]);
    }
  });

  it("imports every page of a sitemap in the background, each fetched and indexed by the queue", async () => {
    process.env.URL_IMPORT_ALLOW_CIDRS = "127.0.0.1/32";
    resetConfigForTests();
    const { ada, salon, list } = await world();
    const web = await site("127.0.0.1", {
      "/sitemap.xml": (o) => ({ type: "application/xml", body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o}/hours</loc></url><url><loc>${o}/pets</loc></url><url><loc>https://elsewhere.example/</loc></url></urlset>` }),
      "/hours": () => ({ body: page("Opening hours", "<p>Open Tuesday to Saturday, 9:00 to 19:00.</p>") }),
      "/pets": () => ({ body: page("Pets", "<p>Dogs are welcome in the waiting area.</p>") }),
    });
    try {
      const docs = await asUser(ada, (tx) => importFromUrl(tx, { businessId: salon, url: `${web.origin}/sitemap.xml`, category: "other", mode: "sitemap" }));
      expect(docs.map((d) => d.sourceName)).toEqual([`${web.origin}/hours`, `${web.origin}/pets`]);
      await runKnowledgeJobs();
      expect((await list()).map((d) => [d.title, d.status]).sort()).toEqual([["Opening hours", "ready"], ["Pets", "ready"]]);
      const { results } = await asUser(ada, (tx) => searchKnowledge(tx, { businessId: salon, query: "can i bring my dog" }));
      expect(results[0]?.content).toContain("Dogs are welcome");
      expect(await errorOf(asUser(ada, (tx) => importFromUrl(tx, { businessId: salon, url: `${web.origin}/hours`, category: "other", mode: "sitemap" })))).toMatchObject({ status: 422, code: "not_a_sitemap" });
    } finally {
      await web.close();
    }
  });
});
