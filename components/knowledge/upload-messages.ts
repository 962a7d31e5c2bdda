import { errorMessage } from "@/components/api/client";
import { formatBytes } from "./format";
import { KnowledgeRequestError } from "./request";
import type { UploadLimits } from "./api";

/**
 * What to tell the owner when an upload or web import is refused, by the server's error code: what went wrong and
 * what to do about it. Codes whose server message already carries the specifics (a CSV's missing column, a site's
 * HTTP status) keep that message.
 */
export function importErrorMessage(error: unknown, limits?: UploadLimits): string {
  if (!(error instanceof KnowledgeRequestError)) return errorMessage(error);
  switch (error.code) {
    case "file_too_large":
      return limits
        ? `This file is bigger than the ${formatBytes(limits.maxUploadBytes)} limit. Split it, or save a smaller version (for a PDF, without images), and try again.`
        : "This file is bigger than the upload limit. Split it, or save a smaller version, and try again.";
    case "unsupported_type":
      return "Frontdesk can read PDF, Word (.docx), Markdown, plain text and CSV files. Save the file as one of those and try again.";
    case "empty_file":
      return "There is no text in this file. If it is a scanned document, it needs text recognition (OCR) first, or copy its text into an article.";
    case "unreadable_file":
      return "This file could not be read; it may be damaged. Open it, save it again, and retry.";
    case "encrypted_file":
      return "This file is protected with a password. Save a copy without the password and upload that.";
    case "too_many_pages":
      return limits
        ? `This PDF has more than ${limits.maxPdfPages} pages. Split it into smaller files and upload them one by one.`
        : "This PDF has too many pages. Split it into smaller files and upload them one by one.";
    case "archive_too_large":
      return "This Word document is too large once unpacked. Split it into smaller documents, or save it as a PDF.";
    case "invalid_csv":
      return `${error.message} The file needs a question column and an answer column, one question per row.`;
    case "blocked_address":
      return "That address points to a private or local network, which Frontdesk does not fetch from. Use the public address of your website.";
    case "invalid_url":
      return "Enter a full web address, starting with https://, like https://example.com/prices.";
    case "http_error":
      return `Your website did not hand over the page: ${error.message}`;
    case "timeout":
      return "Your website took too long to answer. Check that it is up, then try again in a minute.";
    case "too_many_redirects":
      return "That address redirects too many times. Open it in your browser and use the address you end up on.";
    case "network_error":
      return "Frontdesk could not connect to that website. Check the address and that the site is up, then try again.";
    case "too_large":
      return "That page is too large to import. Try a more specific page.";
    case "unsupported_content":
      return "That address is not a web page Frontdesk can read. Use the address of an ordinary page (HTML or plain text).";
    case "not_a_sitemap":
      return "That address is not a sitemap. Use your sitemap’s address (often ending in /sitemap.xml), or choose “Just this page”.";
    default:
      return error.message;
  }
}
