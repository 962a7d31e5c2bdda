import { UPLOAD_ACCEPT } from "@/lib/knowledge/types";
import type { UploadLimits } from "./api";
import { formatBytes } from "./format";


export function isCsv(file: File): boolean {
  return file.name.toLowerCase().endsWith(".csv") || file.type === "text/csv";
}

function matchesAccept(file: File, accept: string[]): boolean {
  const name = file.name.toLowerCase();
  return accept.some((entry) => {
    const rule = entry.trim().toLowerCase();
    if (rule.startsWith(".")) return name.endsWith(rule);
    if (rule.endsWith("/*")) return file.type.startsWith(rule.slice(0, -1));
    return file.type === rule;
  });
}

/** A problem the browser can spot before uploading (too big, wrong type), or null. */
export function fileProblem(file: File, limits: UploadLimits | undefined): string | null {
  if (file.size === 0) return "This file is empty.";
  if (limits && file.size > limits.maxUploadBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.maxUploadBytes)}. Split it or save a smaller version.`;
  }
  if (!matchesAccept(file, limits?.accept ?? UPLOAD_ACCEPT)) {
    return `Frontdesk cannot read “${file.name}”. Use a PDF, Word (.docx), Markdown, plain text or CSV file.`;
  }
  return null;
}

export function limitsSummary(limits: UploadLimits | undefined): string {
  const types = "PDF, Word (.docx), Markdown, text or CSV";
  if (!limits) return types;
  return `${types} · up to ${formatBytes(limits.maxUploadBytes)} · PDFs up to ${limits.maxPdfPages} pages`;
}
