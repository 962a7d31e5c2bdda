import { z } from "zod";
import { ApiError, validationError } from "./errors";

const DEFAULT_MAX_BYTES = 64 * 1024;

/** Reads a JSON body with a size cap and parses it with `schema`; any problem is a 4xx naming it. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, "payload_too_large", `Request body is larger than ${maxBytes} bytes`);
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new ApiError(415, "invalid_json", "Send the body as application/json");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new ApiError(413, "payload_too_large", `Request body is larger than ${maxBytes} bytes`);
  let data: unknown;
  try {
    data = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Parses route params (ids in the URL); a malformed id is a 404, as an unknown one is. */
export function parseParams<S extends z.ZodType>(params: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new ApiError(404, "not_found", "Not found");
  return parsed.data;
}

/**
 * Reads a multipart form with a size cap checked before the body is buffered (the declared length) and after (what
 * arrived), so an oversized upload is a 413 naming the limit, never an out-of-memory.
 */
export async function parseMultipart(request: Request, maxBytes: number): Promise<FormData> {
  const tooLarge = () =>
    new ApiError(413, "file_too_large", `This file is larger than the ${Math.round(maxBytes / 1048576)} MB limit.`);
  const overhead = 64 * 1024;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + overhead) throw tooLarge();
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new ApiError(415, "validation_failed", "Send the file as multipart/form-data");
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new ApiError(400, "validation_failed", "The upload could not be read; try again");
  }
  let total = 0;
  for (const value of form.values()) total += typeof value === "string" ? value.length : value.size;
  if (total > maxBytes + overhead) throw tooLarge();
  return form;
}

/** The one file of a multipart form, by field name; a missing or empty one is a 400 naming the field. */
export async function formFile(form: FormData, field: string): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const value = form.get(field);
  if (!value || typeof value === "string") {
    throw new ApiError(400, "validation_failed", `Attach a file in the "${field}" field`, [{ field, message: "Required" }]);
  }
  return { name: value.name || "upload", type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
}

/** Parses the URL's query string; a bad value is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(
    [...new URL(request.url).searchParams.entries()].filter(([, value]) => value !== ""),
  );
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
