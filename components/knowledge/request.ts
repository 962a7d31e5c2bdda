import { z } from "zod";
import { ApiRequestError, type FieldIssue } from "@/components/api/client";

/** The knowledge API's error body: the app's usual shape plus what a duplicate carries. */
const knowledgeErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    documentId: z.string().optional(),
    title: z.string().optional(),
    sameContent: z.boolean().optional(),
  }),
});

export type DuplicateOf = { documentId: string; title: string; sameContent: boolean | null };

/** An API error that also says which existing item a 409 "duplicate" points at. */
export class KnowledgeRequestError extends ApiRequestError {
  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldIssue[],
    readonly duplicateOf: DuplicateOf | null,
  ) {
    super(status, code, message, fields);
  }
}

type SendOptions = {
  method?: "POST" | "PATCH";
  /** FormData goes as multipart; anything else as JSON. */
  body: FormData | object;
  signal?: AbortSignal;
  /** Called with 0–100 while the request body uploads (only when the browser knows the total). */
  onUploadProgress?: (percent: number) => void;
};

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends a knowledge request with XMLHttpRequest, which (unlike fetch) reports upload progress. Errors keep the
 * server's code and, for duplicates, the existing item, so the UI can offer to open or update it.
 */
export function sendKnowledgeRequest<T>(url: string, schema: z.ZodType<T>, options: SendOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException("The upload was cancelled.", "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? "POST", url);
    xhr.setRequestHeader("accept", "application/json");

    const onAbort = () => xhr.abort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const cleanUp = () => options.signal?.removeEventListener("abort", onAbort);

    if (options.onUploadProgress) {
      const report = options.onUploadProgress;
      xhr.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable && event.total > 0) report((event.loaded / event.total) * 100);
      });
    }

    xhr.addEventListener("load", () => {
      cleanUp();
      const json = parseJson(xhr.responseText);
      if (xhr.status < 200 || xhr.status >= 300) {
        const parsed = knowledgeErrorBody.safeParse(json);
        if (!parsed.success) {
          reject(new KnowledgeRequestError(xhr.status, "http_error", `The server answered ${xhr.status}. Please try again.`, [], null));
          return;
        }
        const { code, message, fields, documentId, title, sameContent } = parsed.data.error;
        const duplicateOf = documentId ? { documentId, title: title ?? "the existing item", sameContent: sameContent ?? null } : null;
        reject(new KnowledgeRequestError(xhr.status, code, message, fields ?? [], duplicateOf));
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) resolve(parsed.data);
      else reject(new KnowledgeRequestError(xhr.status, "bad_response", "The server sent an answer this page does not understand. Reload and try again.", [], null));
    });
    xhr.addEventListener("error", () => {
      cleanUp();
      reject(new KnowledgeRequestError(0, "network", "Could not reach Frontdesk. Check your connection and try again.", [], null));
    });
    xhr.addEventListener("abort", () => {
      cleanUp();
      reject(new DOMException("The upload was cancelled.", "AbortError"));
    });

    if (options.body instanceof FormData) {
      xhr.send(options.body);
    } else {
      xhr.setRequestHeader("content-type", "application/json");
      xhr.send(JSON.stringify(options.body));
    }
  });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
