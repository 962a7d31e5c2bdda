import { describe, expect, it } from "vitest";

import { parseSitemap } from "./index";

describe("parseSitemap", () => {
  it("lists the pages of a urlset, trimmed, decoded and once each, without image locations", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <!-- generated -->
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
        <url><loc>
          https://salon.example/
        </loc><lastmod>2025-01-01</lastmod></url>
        <url><loc>https://salon.example/prices?a=1&amp;b=2</loc>
          <image:image><image:loc>https://salon.example/photo.jpg</image:loc></image:image></url>
        <url><loc><![CDATA[https://salon.example/about]]></loc></url>
        <url><loc>https://salon.example/</loc></url>
        <url><loc>   </loc></url>
      </urlset>`;
    expect(parseSitemap(xml)).toEqual({
      pages: ["https://salon.example/", "https://salon.example/prices?a=1&b=2", "https://salon.example/about"],
      sitemaps: [],
    });
  });

  it("lists the sitemaps of a sitemap index", () => {
    const xml = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://salon.example/sitemap-pages.xml</loc></sitemap>
      <sitemap><loc> https://salon.example/sitemap-posts.xml </loc><lastmod>2025-01-01</lastmod></sitemap>
    </sitemapindex>`;
    expect(parseSitemap(xml)).toEqual({
      pages: [],
      sitemaps: ["https://salon.example/sitemap-pages.xml", "https://salon.example/sitemap-posts.xml"],
    });
  });

  it("reads a sitemap whose elements carry a namespace prefix", () => {
    const xml = '<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc>https://a.example/x</sm:loc></sm:url></sm:urlset>';
    expect(parseSitemap(xml)).toEqual({ pages: ["https://a.example/x"], sitemaps: [] });
  });

  it("returns null for anything else", () => {
    expect(parseSitemap('<?xml version="1.0"?><rss version="2.0"><channel><link>https://a.example</link></channel></rss>')).toBeNull();
    expect(parseSitemap("<!doctype html><html><body><loc>https://a.example</loc></body></html>")).toBeNull();
    expect(parseSitemap("")).toBeNull();
    expect(parseSitemap("just text")).toBeNull();
  });
});
