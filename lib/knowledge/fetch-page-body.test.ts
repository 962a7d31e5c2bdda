import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { fetchPage } from "./fetch-page";
import { ALLOW_LOCAL, expectCode, html, withTestServers } from "./fetch-page-test-support";

const servers = withTestServers();

describe("fetchPage reads bodies within their limits", () => {
  it("fails with too_large as soon as a streamed body passes maxBytes, without reading the rest", async () => {
    let sent = 0;
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    servers.main.route("/huge", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/plain" });
      const chunk = Buffer.alloc(16 * 1024, "a");
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      response.on("close", closed);
      pump();
    });
    const error = await expectCode(fetchPage(`${servers.main.origin}/huge`, { ...ALLOW_LOCAL, maxBytes: 100_000 }), "too_large");
    expect(error.message).toMatch(/larger than 97.7 KB/);
    await connectionClosed;
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });

  it("fails at once on a declared Content-Length over maxBytes, and accepts a body of exactly maxBytes", async () => {
    servers.main.route("/declared", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/plain", "Content-Length": String(10 * 1024 * 1024) });
      response.write("a");
    });
    servers.main.route("/exact", html("x".repeat(1000), "text/plain"));
    await expectCode(fetchPage(`${servers.main.origin}/declared`, ALLOW_LOCAL), "too_large");
    expect((await fetchPage(`${servers.main.origin}/exact`, { ...ALLOW_LOCAL, maxBytes: 1000 })).body.length).toBe(1000);
    await expectCode(fetchPage(`${servers.main.origin}/exact`, { ...ALLOW_LOCAL, maxBytes: 999 }), "too_large");
  });

  it("counts decompressed bytes, so a small compression bomb fails with too_large", async () => {
    // 16 MB of zeros against the default 5 MB cap; brotli at low quality, as its default takes seconds to compress.
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    const bombs = {
      gzip: zlib.gzipSync(zeros),
      deflate: zlib.deflateSync(zeros),
      br: zlib.brotliCompressSync(zeros, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
    };
    expect(bombs.gzip.length).toBeLessThan(20 * 1024);
    for (const [encoding, body] of Object.entries(bombs)) {
      servers.main.route(`/bomb-${encoding}`, (_request, response) => {
        response.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": encoding }).end(body);
      });
      await expectCode(fetchPage(`${servers.main.origin}/bomb-${encoding}`, ALLOW_LOCAL), "too_large");
    }
  });

  it("decodes gzip, zlib and raw deflate, and brotli, though it asked for no compression", async () => {
    const text = "<p>Opening hours: Mon–Fri 9–18</p>".repeat(50);
    const encoded: [string, Buffer][] = [
      ["gzip", zlib.gzipSync(text)],
      ["x-gzip", zlib.gzipSync(text)],
      ["deflate", zlib.deflateSync(text)],
      ["deflate", zlib.deflateRawSync(text)],
      ["br", zlib.brotliCompressSync(text)],
      ["identity", Buffer.from(text)],
    ];
    for (const [index, [encoding, body]] of encoded.entries()) {
      servers.main.route(`/enc${index}`, (_request, response) => {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding }).end(body);
      });
      expect((await fetchPage(`${servers.main.origin}/enc${index}`, ALLOW_LOCAL)).text(), encoding).toBe(text);
    }
  });

  it("reports corrupt compression and unknown encodings plainly", async () => {
    servers.main.route("/corrupt", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": "gzip" }).end("definitely not gzip");
    });
    servers.main.route("/zstd", (_request, response) => {
      response.writeHead(200, { "Content-Type": "text/html", "Content-Encoding": "zstd" }).end("whatever");
    });
    await expectCode(fetchPage(`${servers.main.origin}/corrupt`, ALLOW_LOCAL), "network_error");
    const error = await expectCode(fetchPage(`${servers.main.origin}/zstd`, ALLOW_LOCAL), "unsupported_content");
    expect(error.message).toContain("zstd");
  });

});
