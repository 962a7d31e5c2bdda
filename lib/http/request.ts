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
