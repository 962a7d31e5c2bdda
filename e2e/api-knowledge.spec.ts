import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { buildEncryptedPdf, buildPdf } from "../lib/knowledge/parsers/test-fixtures";
import { adasSalon, apiAs, bobsBikes, createBusinessVia, person } from "./support";

type Doc = { id: string; status: string; chunkCount: number; title: string };

async function waitUntilIndexed(api: APIRequestContext, businessId: string, documentId: string): Promise<Doc> {
  let doc: Doc | undefined;
  await expect
    .poll(async () => {
      doc = (await (await api.get(`/api/businesses/${businessId}/knowledge/${documentId}`)).json()).document as Doc;
      return doc.status;
    }, { timeout: 30_000 })
    .toBe("ready");
  return doc!;
}

const upload = (api: APIRequestContext, businessId: string, file: { name: string; mimeType: string; buffer: Buffer }, fields: Record<string, string> = {}) =>
  api.post(`/api/businesses/${businessId}/knowledge/files`, { multipart: { file, category: "prices", ...fields } });

test.describe("HTTP API: knowledge base", () => {
  test("Ada teaches her assistant; Bob can neither see, search, change nor delete it", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const bob = await apiAs(baseURL!, person("Bob Builder"));
    const salon = await createBusinessVia(ada, adasSalon);
    const bikes = await createBusinessVia(bob, bobsBikes);

    const created = await ada.post(`/api/businesses/${salon}/knowledge`, {
      data: { kind: "faq", title: "Salon FAQ", entries: [{ question: "Do you take walk-ins?", answer: "Yes, on weekdays before 11:00." }] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { document } = await created.json();
    expect(document).toMatchObject({ kind: "faq", category: "faq", status: "pending" });
    await waitUntilIndexed(ada, salon, document.id);

    const search = await (await ada.post(`/api/businesses/${salon}/knowledge/search`, { data: { query: "can i just walk in?" } })).json();
    expect(search.results[0]).toMatchObject({ documentId: document.id, title: "Salon FAQ" });
    expect(search.results[0].content).toContain("weekdays before 11:00");

    const base = `/api/businesses/${salon}/knowledge`;
    expect((await bob.get(base)).status()).toBe(404);
    expect((await bob.get(`${base}/${document.id}`)).status()).toBe(404);
    expect((await bob.post(`${base}/search`, { data: { query: "walk-ins" } })).status()).toBe(404);
    expect((await bob.patch(`${base}/${document.id}`, { data: { enabled: false } })).status()).toBe(404);
    expect((await bob.delete(`${base}/${document.id}`)).status()).toBe(404);
    expect((await bob.post(`${base}/${document.id}/reindex`)).status()).toBe(404);
    // Bob's own knowledge base cannot reach Ada's item by id either.
    expect((await bob.get(`/api/businesses/${bikes}/knowledge/${document.id}`)).status()).toBe(404);
    expect((await (await bob.get(`/api/businesses/${bikes}/knowledge`)).json()).documents).toEqual([]);

    const mine = await (await ada.get(`${base}/${document.id}`)).json();
    expect(mine.document).toMatchObject({ status: "ready", enabled: true, faqEntries: [{ question: "Do you take walk-ins?" }] });
    expect((await ada.delete(`${base}/${document.id}`)).status()).toBe(204);
  });

  test("bad input gets a 4xx naming the problem, and nothing is written", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const salon = await createBusinessVia(ada, adasSalon);
    const base = `/api/businesses/${salon}/knowledge`;

    const noTitle = await ada.post(base, { data: { kind: "article", title: " ", body: "x" } });
    expect(noTitle.status()).toBe(400);
    expect((await noTitle.json()).error.fields).toEqual([{ field: "title", message: "Give it a title" }]);
    expect((await ada.post(base, { data: { kind: "recipe", title: "x" } })).status()).toBe(400);
    expect((await ada.get(`${base}?category=spaceships`)).status()).toBe(400);

    const exe = await upload(ada, salon, { name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
    expect(exe.status()).toBe(415);
    expect((await exe.json()).error.code).toBe("unsupported_type");
    const locked = await upload(ada, salon, { name: "prices.pdf", mimeType: "application/pdf", buffer: Buffer.from(buildEncryptedPdf("Prices", "pw")) });
    expect(locked.status()).toBe(422);
    expect((await locked.json()).error).toMatchObject({ code: "encrypted_file", message: expect.stringMatching(/password/i) });
    const huge = await upload(ada, salon, { name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(21 * 1024 * 1024, "a") });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).error.message).toMatch(/20 MB/);
    // Larger than the proxy's default 10 MB body but within the upload limit: it arrives whole, and is refused for
    // holding more text than one item may (not as a truncated, unreadable upload).
    const long = await upload(ada, salon, { name: "long.txt", mimeType: "text/plain", buffer: Buffer.alloc(12 * 1024 * 1024, "word ") });
    expect(long.status()).toBe(413);
    expect((await long.json()).error).toMatchObject({ code: "file_too_large", message: expect.stringMatching(/text/i) });
    const broken = await upload(ada, salon, { name: "faq.csv", mimeType: "text/csv", buffer: Buffer.from('question,answer\n"open quote,never closed\n') });
    expect(broken.status()).toBe(422);
    expect((await broken.json()).error.code).toBe("invalid_csv");
    const noFile = await ada.post(`${base}/files`, { multipart: { category: "prices" } });
    expect(noFile.status()).toBe(400);

    const privateUrl = await ada.post(`${base}/url`, { data: { url: "http://169.254.169.254/latest/meta-data/", mode: "page" } });
    expect(privateUrl.status()).toBe(422);
    expect((await privateUrl.json()).error.code).toBe("blocked_address");

    expect((await (await ada.get(base)).json()).documents).toEqual([]);
  });

  test("a PDF upload is indexed in the background and a re-upload is offered as an update", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const salon = await createBusinessVia(ada, adasSalon);
    const pdf = Buffer.from(await buildPdf([["Price list"], ["Balayage from 120 euros, about three hours."]]));
    const first = await upload(ada, salon, { name: "prices.pdf", mimeType: "application/pdf", buffer: pdf });
    expect(first.status(), await first.text()).toBe(201);
    const { document } = await first.json();
    expect((await waitUntilIndexed(ada, salon, document.id)).chunkCount).toBeGreaterThan(0);

    const again = await upload(ada, salon, { name: "prices.pdf", mimeType: "application/pdf", buffer: pdf });
    expect(again.status()).toBe(409);
    expect((await again.json()).error).toMatchObject({ code: "duplicate", documentId: document.id, sameContent: true });
    const update = await upload(ada, salon, { name: "prices.pdf", mimeType: "application/pdf", buffer: pdf }, { replaceDocumentId: document.id });
    expect(update.status()).toBe(201);
    expect((await update.json()).document.id).toBe(document.id);
    await waitUntilIndexed(ada, salon, document.id);
  });

  test("a page of the owner's site is imported as text; a redirect into a private network is refused", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const salon = await createBusinessVia(ada, adasSalon);
    const site = createServer((req, res) => {
      if (req.url === "/hours") {
        res.writeHead(200, { "content-type": "text/html" }).end("<title>Hours</title><script>alert(1)</script><main><h1>Hours</h1><p>Open Tuesday to Saturday.</p></main>");
      } else res.writeHead(302, { location: "http://127.0.0.2:9/admin" }).end();
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    try {
      const imported = await ada.post(`/api/businesses/${salon}/knowledge/url`, { data: { url: `${origin}/hours`, category: "hours", mode: "page" } });
      expect(imported.status(), await imported.text()).toBe(201);
      const [doc] = (await imported.json()).documents;
      expect(doc).toMatchObject({ title: "Hours", kind: "url", category: "hours" });
      const detail = (await (await ada.get(`/api/businesses/${salon}/knowledge/${doc.id}`)).json()).document;
      expect(detail.body).toBe("# Hours\n\nOpen Tuesday to Saturday.");

      const redirected = await ada.post(`/api/businesses/${salon}/knowledge/url`, { data: { url: `${origin}/elsewhere`, mode: "page" } });
      expect(redirected.status()).toBe(422);
      expect((await redirected.json()).error.code).toBe("blocked_address");
    } finally {
      site.close();
    }
  });
});
