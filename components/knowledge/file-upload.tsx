"use client";

import { useQueryClient } from "@tanstack/react-query";
import { FileSpreadsheet, FileText, RotateCcw, Upload, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { UPLOAD_ACCEPT, type CsvPreview, type KnowledgeCategory } from "@/lib/knowledge/types";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { Progress } from "@/components/ui/progress";
import { csvPreviewResponse, documentResponse, knowledgeApi, knowledgeKeys } from "./api";
import { CategorySelect } from "./category-select";
import { CsvPreviewTable } from "./csv-preview-table";
import { DuplicateNotice } from "./duplicate-notice";
import { fileProblem, isCsv, limitsSummary } from "./file-rules";
import { FileDropZone } from "./file-drop-zone";
import { formatBytes, plural } from "./format";
import { documentsQuery, useUploadLimits } from "./queries";
import { isAbort, KnowledgeRequestError, sendKnowledgeRequest, type DuplicateOf } from "./request";
import { importErrorMessage } from "./upload-messages";

function duplicateMessage(duplicateOf: DuplicateOf, fileName: string): string {
  if (duplicateOf.sameContent === true) return `This exact file is already in your knowledge as “${duplicateOf.title}”.`;
  if (duplicateOf.sameContent === false) return `You already uploaded a file called “${fileName}”: “${duplicateOf.title}”. Is this a new version of it?`;
  return `This file is already in your knowledge as “${duplicateOf.title}”.`;
}

/**
 * Upload one file: pick or drop it, choose a category, watch the upload's progress. A CSV is previewed first
 * (questions found, rows with problems); a file that is already there can replace the existing item.
 */
export function FileUpload({ businessId }: { businessId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: limits } = useUploadLimits(businessId);
  const [file, setFile] = useState<File | null>(null);
  const [category, setCategory] = useState<KnowledgeCategory>("other");
  const [categoryChosen, setCategoryChosen] = useState(false);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [duplicateOf, setDuplicateOf] = useState<DuplicateOf | null>(null);
  const [phase, setPhase] = useState("");
  const abortRef = useRef<AbortController | null>(null);

  const uploading = percent !== null;
  const csv = file ? isCsv(file) : false;
  const base = `/b/${businessId}/knowledge`;

  function reset() {
    abortRef.current?.abort();
    setFile(null);
    setPreview(null);
    setError(null);
    setDuplicateOf(null);
    setPhase("");
  }

  async function loadPreview(chosen: File) {
    const controller = new AbortController();
    abortRef.current = controller;
    setPreviewing(true);
    setPhase(`Reading the questions in “${chosen.name}”…`);
    try {
      const form = new FormData();
      form.append("file", chosen);
      const { preview: result } = await sendKnowledgeRequest(knowledgeApi(businessId, "/files/preview"), csvPreviewResponse, {
        body: form,
        signal: controller.signal,
      });
      setPreview(result);
      if (result.entries.length === 0) setError("No question in this file can be imported. Fix the rows listed below and choose the file again.");
      setPhase(
        `${plural(result.entries.length, "question")} found${result.errors.length > 0 ? `, ${plural(result.errors.length, "row")} with problems` : ""}.`,
      );
    } catch (caught) {
      if (isAbort(caught)) return;
      setError(importErrorMessage(caught, limits));
      setPhase("");
    } finally {
      setPreviewing(false);
    }
  }

  function choose(chosen: File, droppedMany: boolean) {
    reset();
    const problem = fileProblem(chosen, limits);
    if (problem) {
      setError(problem);
      return;
    }
    setFile(chosen);
    if (droppedMany) toast.message(`One file at a time: “${chosen.name}” is ready to upload.`);
    if (isCsv(chosen)) {
      if (!categoryChosen) setCategory("faq");
      void loadPreview(chosen);
    }
  }

  /** An update keeps the existing item's category unless the owner picked one here. */
  async function adoptCategoryOf(documentId: string) {
    try {
      const { documents } = await queryClient.fetchQuery(documentsQuery(businessId));
      const existing = documents.find((d) => d.id === documentId);
      if (existing) setCategory(existing.category);
    } catch {
      // The category select still shows what will be used; nothing is lost by keeping it.
    }
  }

  async function upload(replaceDocumentId?: string) {
    if (!file) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setError(null);
    setDuplicateOf(null);
    setPercent(0);
    setPhase(`Uploading “${file.name}”…`);
    const form = new FormData();
    form.append("file", file);
    form.append("category", category);
    if (replaceDocumentId) form.append("replaceDocumentId", replaceDocumentId);
    if (preview && preview.errors.length > 0) form.append("skipInvalidRows", "true");
    try {
      const { document } = await sendKnowledgeRequest(knowledgeApi(businessId, "/files"), documentResponse, {
        body: form,
        signal: controller.signal,
        onUploadProgress: (value) => {
          setPercent(value);
          if (value >= 100) setPhase(`Uploaded. Frontdesk is reading “${file.name}”…`);
        },
      });
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(businessId) });
      toast.success(replaceDocumentId ? `“${document.title}” updated. Indexing the new version.` : `“${document.title}” uploaded. Indexing it now.`);
      router.push(base);
    } catch (caught) {
      setPercent(null);
      if (isAbort(caught)) {
        setPhase("Upload cancelled.");
        return;
      }
      setPhase("");
      if (caught instanceof KnowledgeRequestError && caught.code === "duplicate" && caught.duplicateOf) {
        setDuplicateOf(caught.duplicateOf);
        if (!categoryChosen) await adoptCategoryOf(caught.duplicateOf.documentId);
      } else {
        setError(importErrorMessage(caught, limits));
      }
    }
  }

  const importable = csv ? (preview?.entries.length ?? 0) : 0;
  const skipped = preview?.errors.length ?? 0;
  const canUpload = file !== null && !uploading && !previewing && (!csv || importable > 0);

  return (
    <Card>
      <CardContent className="space-y-6 pt-5 sm:pt-6">
        {file ? (
          <div className="flex items-center gap-3 rounded-xl border border-border bg-surface-muted p-4">
            <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-secondary text-heading" aria-hidden="true">
              {csv ? <FileSpreadsheet className="size-5" /> : <FileText className="size-5" />}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-heading">{file.name}</p>
              <p className="text-body-sm text-muted-foreground">{formatBytes(file.size)}</p>
            </div>
            {!uploading ? (
              <Button variant="ghost" size="sm" onClick={reset}>
                <RotateCcw aria-hidden="true" />
                Choose another
              </Button>
            ) : null}
          </div>
        ) : (
          <FileDropZone accept={limits?.accept ?? UPLOAD_ACCEPT} hint={limitsSummary(limits)} onFile={choose} />
        )}

        <div className="max-w-sm">
          <CategorySelect
            id="upload-category"
            value={category}
            disabled={uploading}
            onChange={(value) => {
              setCategory(value);
              setCategoryChosen(true);
            }}
          />
        </div>

        <p aria-live="polite" className="text-body-sm text-muted-foreground empty:hidden">
          {phase}
        </p>

        {uploading && file ? (
          <div className="space-y-2">
            <Progress value={percent} label={`Uploading “${file.name}”`} />
            <div className="flex items-center justify-between text-body-sm text-muted-foreground">
              <span className="tabular-nums">
                {Math.round(percent)}% · {formatBytes(Math.round((file.size * percent) / 100))} of {formatBytes(file.size)}
              </span>
              {percent < 100 ? (
                <Button variant="ghost" size="sm" onClick={() => abortRef.current?.abort()}>
                  <X aria-hidden="true" />
                  Cancel upload
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}

        <FormError message={error} />
        {duplicateOf && file ? (
          <DuplicateNotice businessId={businessId} duplicateOf={duplicateOf} message={duplicateMessage(duplicateOf, file.name)}>
            <Button variant="outline" size="sm" onClick={() => void upload(duplicateOf.documentId)}>
              Update the existing item
            </Button>
          </DuplicateNotice>
        ) : null}

        {preview && file ? <CsvPreviewTable preview={preview} fileName={file.name} /> : null}
      </CardContent>
      <CardFooter className="flex-col-reverse items-stretch sm:flex-row sm:items-center sm:justify-end">
        <Link href={base} className={buttonVariants({ variant: "ghost" })}>
          Back to knowledge
        </Link>
        {csv && preview && skipped > 0 && importable > 0 ? (
          <p className="text-body-sm text-muted-foreground sm:mr-auto">
            {plural(skipped, "row")} with problems will be skipped.
          </p>
        ) : null}
        <Button onClick={() => void upload()} disabled={!canUpload} loading={uploading || previewing}>
          {uploading || previewing ? null : <Upload aria-hidden="true" />}
          {uploading ? "Uploading…" : csv ? (preview ? `Import ${plural(importable, "question")}` : "Import questions") : "Upload"}
        </Button>
      </CardFooter>
    </Card>
  );
}
