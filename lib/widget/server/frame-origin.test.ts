import { describe, expect, it } from "vitest";
import { GET as framePage } from "@/app/widget/frame/route";
import { createBusinessAs, createUser, useTestDatabase } from "@/lib/db/testing";

/**
 * Issue 19, finding 7: the chat frame hands the visitor's token (by postMessage) only to a page the business allows,
 * and with no allowed sites set only to the page the browser says embeds it. The page's own `?origin=` is never
 * trusted: the served config names a permitted origin, or no one, or the page is refused.
 */
describe("GET /widget/frame: the one page the chat may talk to", () => {
  const t = useTestDatabase();
  const shop = "https://shop.example";
  const evil = "https://evil.example";

  async function salon(allowedOrigins: string[]) {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test", fullName: "Ada" });
    const id = await createBusinessAs(ada, { name: "Ada's Salon" });
    await t.database.runner.query("update widget_settings set allowed_origins = $2 where business_id = $1", [id, allowedOrigins]);
    const [row] = await t.database.runner.query<{ widget_key: string }>("select widget_key from businesses where id = $1", [id]);
    return row!.widget_key;
  }

  /** The frame page as a browser asks for it inside an iframe on `embedder` (the loader asks for an origin referrer). */
  const load = (key: string, { origin, embedder, dest = "iframe" }: { origin?: string; embedder?: string; dest?: string | null }) =>
    framePage(
      new Request(`http://localhost:3000/widget/frame?key=${key}${origin === undefined ? "" : `&origin=${encodeURIComponent(origin)}`}`, {
        headers: { host: "localhost:3000", ...(dest ? { "sec-fetch-dest": dest } : {}), ...(embedder ? { referer: `${embedder}/` } : {}) },
      }),
      { params: Promise.resolve({}) },
    );

  const configOf = async (response: Response) => {
    const html = await response.text();
    const json = /<script type="application\/json" id="frontdesk-config">(.*?)<\/script>/s.exec(html)?.[1];
    return JSON.parse(json!) as { parentOrigin: string | null };
  };

  const expectRefused = async (response: Response) => {
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: "origin_not_allowed" } });
    expect(body).not.toContain("frontdesk-config");
  };

  it("refuses origin=https://evil.example for a business that allows only https://shop.example", async () => {
    const key = await salon([shop]);
    await expectRefused(await load(key, { origin: evil, embedder: evil }));
    // Whatever the browser says, or without a Referer at all.
    await expectRefused(await load(key, { origin: evil }));
    await expectRefused(await load(key, { origin: evil, embedder: shop }));
    // The allowed site's name, asked for by another page, is contradicted by the browser.
    await expectRefused(await load(key, { origin: shop, embedder: evil }));
    await expectRefused(await load(key, { origin: "*", embedder: shop }));
    await expectRefused(await load(key, { origin: `${shop}/path`, embedder: shop }));
  });

  it("names the allowed site it is embedded in, and only that one", async () => {
    const key = await salon([shop, "https://www.shop.example"]);
    expect((await configOf(await load(key, { origin: shop, embedder: shop }))).parentOrigin).toBe(shop);
    // A page whose Referer is withheld may still be an allowed site (frame-ancestors lets only those embed it).
    expect((await configOf(await load(key, { origin: shop }))).parentOrigin).toBe(shop);
  });

  it("with no allowed sites, talks only to the page the browser says embeds it", async () => {
    const key = await salon([]);
    expect((await configOf(await load(key, { origin: shop, embedder: shop }))).parentOrigin).toBe(shop);
    await expectRefused(await load(key, { origin: evil, embedder: shop }));
    // Nothing confirms the asked-for origin: the chat works but talks to no page.
    expect((await configOf(await load(key, { origin: shop }))).parentOrigin).toBeNull();
  });

  it("talks to no page when opened on its own (a staff-reply email's link) or outside an iframe", async () => {
    const key = await salon([shop]);
    expect((await configOf(await load(key, { dest: "document" }))).parentOrigin).toBeNull();
    expect((await configOf(await load(key, { origin: shop, embedder: shop, dest: "document" }))).parentOrigin).toBeNull();
    expect((await configOf(await load(key, { dest: null }))).parentOrigin).toBeNull();
  });
});
