import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/http/errors";
import { fetchPage, PageFetchError, type FetchedPage } from "./fetch-page";
import { htmlToMarkdown, parseKnowledgeFile, parseSitemap } from "./parsers";

export const MAX_SITEMAP_PAGES = 50;
const MAX_CHILD_SITEMAPS = 5;

export type ImportedPage = { url: string; title: string; text: string; mimeType: string };

const fetchOptions = () => ({ allowCidrs: getConfig().knowledge.urlImportAllowCidrs });

/** A URL as the owner typed it ("mysalon.com/prices") made absolute; anything but http(s) is refused. */
export function normaliseImportUrl(input: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new PageFetchError("invalid_url", "That does not look like a web address. Try something like https://yoursite.com/prices.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PageFetchError("invalid_url", "Only web pages (http or https addresses) can be imported.");
  }
  url.hash = "";
  return url.toString();
}

function readPage(page: FetchedPage): ImportedPage {
  const mimeType = page.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mimeType.includes("html")) {
    const { title, text } = htmlToMarkdown(page.text(), page.url);
    return { url: page.url, title, text, mimeType: "text/html" };
  }
  return { url: page.url, title: "", text: page.text().replace(/\r\n?/g, "\n").trim(), mimeType: "text/plain" };
}

/** Fetches one page and extracts its readable text: HTML as Markdown, a PDF through the file parser. */
export async function fetchKnowledgePage(url: string): Promise<ImportedPage> {
  const page = await fetchPage(url, fetchOptions());
  const mimeType = page.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mimeType === "application/pdf") {
    const { knowledge } = getConfig();
    const name = decodeURIComponent(new URL(page.url).pathname.split("/").pop() || "page.pdf");
    const parsed = await parseKnowledgeFile(
      { name: name.toLowerCase().endsWith(".pdf") ? name : `${name}.pdf`, type: mimeType, bytes: page.body },
      { maxBytes: knowledge.maxUploadBytes, maxPdfPages: knowledge.maxPdfPages },
    );
    return { url: page.url, title: parsed.title, text: parsed.text, mimeType };
  }
  const read = readPage(page);
  if (!read.text.trim()) {
    throw new PageFetchError("unsupported_content", "That page has no readable text (it may be built entirely by scripts).");
  }
  return read;
}

const sameSite = (a: URL, b: URL) => a.hostname.replace(/^www\./, "") === b.hostname.replace(/^www\./, "");

/**
 * The pages a sitemap lists (following a sitemap index one level), on the sitemap's own site only, at most
 * MAX_SITEMAP_PAGES of them.
 */
export async function listSitemapPages(sitemapUrl: string): Promise<{ pages: string[]; truncated: boolean }> {
  const root = new URL(sitemapUrl);
  const first = await fetchPage(sitemapUrl, fetchOptions());
  const parsed = parseSitemap(first.text());
  if (!parsed) {
    throw new ApiError(422, "not_a_sitemap", "That address is not a sitemap. Sitemaps usually live at /sitemap.xml; or import it as a single page.");
  }
  const pages = new Set<string>();
  const addPages = (urls: string[]) => {
    for (const page of urls) {
      try {
        const url = new URL(page, first.url);
        if ((url.protocol === "http:" || url.protocol === "https:") && sameSite(url, root)) {
          url.hash = "";
          pages.add(url.toString());
        }
      } catch {
        // A malformed <loc> is skipped; the rest of the sitemap still counts.
      }
    }
  };
  addPages(parsed.pages);
  for (const child of parsed.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
    if (pages.size >= MAX_SITEMAP_PAGES) break;
    const childUrl = new URL(child, first.url);
    if (!sameSite(childUrl, root)) continue;
    const nested = parseSitemap((await fetchPage(childUrl.toString(), fetchOptions())).text());
    if (nested) addPages(nested.pages);
  }
  const all = [...pages];
  return { pages: all.slice(0, MAX_SITEMAP_PAGES), truncated: all.length > MAX_SITEMAP_PAGES };
}
