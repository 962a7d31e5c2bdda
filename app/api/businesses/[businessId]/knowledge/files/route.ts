import { after, NextResponse } from "next/server";
import { z } from "zod";
import { asMember } from "@/lib/businesses/member-route";
import { businessParams } from "@/lib/businesses/params";
import { getConfig } from "@/lib/config";
import { route } from "@/lib/http/handler";
import { formFile, parseMultipart, parseParams } from "@/lib/http/request";
import { validationError } from "@/lib/http/errors";
import { importUploadedFile } from "@/lib/knowledge/imports";
import { KNOWLEDGE_CATEGORIES } from "@/lib/knowledge/types";
import { kickKnowledgeWorker } from "@/lib/knowledge/worker";

type Params = { businessId: string };

const uploadFields = z.object({
  category: z.enum(KNOWLEDGE_CATEGORIES).default("other"),
  replaceDocumentId: z.uuid().optional(),
  skipInvalidRows: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export const POST = route<Params>("knowledge.upload", async (request, { params }) => {
  const { businessId } = parseParams(params, businessParams);
  const form = await parseMultipart(request, getConfig().knowledge.maxUploadBytes);
  const fields = uploadFields.safeParse({
    category: form.get("category") || undefined,
    replaceDocumentId: form.get("replaceDocumentId") || undefined,
    skipInvalidRows: form.get("skipInvalidRows") || undefined,
  });
  if (!fields.success) throw validationError(fields.error);
  const file = await formFile(form, "file");
  const document = await asMember(businessId, undefined, ({ tx }) =>
    importUploadedFile(tx, { businessId, file, ...fields.data }),
  );
  after(kickKnowledgeWorker);
  return NextResponse.json({ document }, { status: 201 });
});
