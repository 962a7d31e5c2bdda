import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { adasSalon, apiAs, createBusinessVia, person, widgetKeyOf } from "./support";

/** A raw GET to the running server with the Host header a DNS-rebinding page's requests would carry. */
function getWithHost(baseURL: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname: hostname === "localhost" ? "127.0.0.1" : hostname, port, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test.describe("HTTP API: the trust boundary", () => {
  test("a request naming another Host is refused on every kind of path (DNS rebinding)", async ({ baseURL }) => {
    const port = new URL(baseURL!).port;
    for (const path of ["/api/health", "/api/dev/mailbox", "/widget.js", "/sw.js", "/manifest.webmanifest", "/sign-in", "/_next/static/none.js"]) {
      const refused = await getWithHost(baseURL!, path, `rebind.example:${port}`);
      expect(refused.status, path).toBe(421);
    }
    expect(JSON.parse((await getWithHost(baseURL!, "/api/health", `rebind.example:${port}`)).body).error.code).toBe("host_not_allowed");
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await getWithHost(baseURL!, "/api/health", host)).status, host).toBe(200);
    }
  });

  test("a same-site page cannot rotate the widget key or upload knowledge with the owner's cookie (CSRF)", async ({ baseURL }) => {
    const ada = await apiAs(baseURL!, person("Ada Lovelace"));
    const salon = await createBusinessVia(ada, adasSalon);
    const key = await widgetKeyOf(ada, salon);
    const file = { name: "poison.txt", mimeType: "text/plain", buffer: Buffer.from("We give every visitor a free haircut.") };

    const crossSite: Record<string, string>[] = [{ origin: "http://localhost:4000" }, { "sec-fetch-site": "same-site" }];
    for (const headers of crossSite) {
      const rotate = await ada.post(`/api/businesses/${salon}/widget-settings/key`, { headers });
      expect(rotate.status()).toBe(403);
      expect((await rotate.json()).error.code).toBe("cross_origin_request");
      const upload = await ada.post(`/api/businesses/${salon}/knowledge/files`, { headers, multipart: { file, category: "other" } });
      expect(upload.status()).toBe(403);
      expect((await upload.json()).error.code).toBe("cross_origin_request");
    }
    expect(await widgetKeyOf(ada, salon)).toBe(key);
    expect((await (await ada.get(`/api/businesses/${salon}/knowledge`)).json()).documents).toEqual([]);

    // The app's own pages still can.
    const own = { origin: baseURL!, "sec-fetch-site": "same-origin" };
    expect((await ada.post(`/api/businesses/${salon}/widget-settings/key`, { headers: own })).status()).toBe(200);
    expect(await widgetKeyOf(ada, salon)).not.toBe(key);
    expect((await ada.post(`/api/businesses/${salon}/knowledge/files`, { headers: own, multipart: { file, category: "other" } })).status()).toBe(201);
  });
});
