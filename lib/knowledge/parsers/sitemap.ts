import { decodeEntities } from "./entities";

/**
 * The URLs in a sitemap (<urlset>: pages) or a sitemap index (<sitemapindex>: more sitemaps), in order, each once;
 * null when the XML is something else. Only the root's own <loc> elements count: <image:loc> and the like name
 * images and videos, not pages.
 */
export function parseSitemap(xml: string): { pages: string[]; sitemaps: string[] } | null {
  const body = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, "");
  const root = /<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)[\s/>]/.exec(body);
  const name = root?.[2]?.toLowerCase();
  if (!root || (name !== "urlset" && name !== "sitemapindex")) return null;
  const loc = `${root[1] ? `${escapeRegExp(root[1])}:` : ""}loc`;
  const locs = new Set<string>();
  for (const [, value = ""] of body.matchAll(new RegExp(`<${loc}(?:\\s[^>]*)?>([\\s\\S]*?)</${loc}\\s*>`, "gi"))) {
    const url = decodeEntities(value.replace(/^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/, "$1")).trim();
    if (url) locs.add(url);
  }
  return name === "urlset" ? { pages: [...locs], sitemaps: [] } : { pages: [], sitemaps: [...locs] };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
