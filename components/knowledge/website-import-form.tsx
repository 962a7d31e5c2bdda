"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Globe } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import type { KnowledgeCategory } from "@/lib/knowledge/types";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { documentSummarySchema, knowledgeApi, knowledgeKeys } from "./api";
import { CategorySelect } from "./category-select";
import { KnowledgeRequestError, sendKnowledgeRequest } from "./request";
import { importErrorMessage } from "./upload-messages";

const importedPages = z.object({ documents: z.array(documentSummarySchema) });

const MODES = [
  { value: "page", label: "Just this page", description: "Import the text of one page, like your prices or FAQ page." },
  { value: "sitemap", label: "Every page in a sitemap", description: "Give your sitemap’s address (often /sitemap.xml) to import all its pages." },
] as const;
type Mode = (typeof MODES)[number]["value"];

/** Codes that are about the address itself, so their message belongs under the URL field. */
const URL_CODES = new Set(["invalid_url", "blocked_address", "not_a_sitemap", "unsupported_content", "too_many_redirects"]);

/** Adds https:// when the owner typed "example.com/prices"; anything else is left for the server to judge. */
function normalizeUrl(value: string): string {
  const trimmed = value.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

export function WebsiteImportForm({ businessId }: { businessId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [mode, setMode] = useState<Mode>("page");
  const [category, setCategory] = useState<KnowledgeCategory>("other");
  const [pending, setPending] = useState(false);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const base = `/b/${businessId}/knowledge`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (!url.trim()) {
      setUrlError("Enter the address of a page on your website.");
      return;
    }
    const address = normalizeUrl(url);
    if (!URL.canParse(address)) {
      setUrlError("That does not look like a web address. Try something like https://example.com/prices.");
      return;
    }
    setUrlError(null);
    setPending(true);
    try {
      const { documents } = await sendKnowledgeRequest(knowledgeApi(businessId, "/url"), importedPages, {
        body: { url: address, category, mode },
      });
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.all(businessId) });
      toast.success(
        documents.length === 1 ? "Importing the page. It will be ready in a moment." : `Importing ${documents.length} pages. Each shows its progress in the list.`,
      );
      router.push(base);
    } catch (caught) {
      const message = importErrorMessage(caught);
      if (caught instanceof KnowledgeRequestError && URL_CODES.has(caught.code)) setUrlError(message);
      else setFormError(message);
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Card>
        <CardContent className="space-y-6 pt-5 sm:pt-6">
          <FormError message={formError} />
          <TextField
            id="import-url"
            label="Web address"
            type="url"
            inputMode="url"
            autoComplete="url"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={mode === "sitemap" ? "https://example.com/sitemap.xml" : "https://example.com/prices"}
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            error={urlError}
            hint="A public page of your own website, starting with https://."
          />

          <fieldset>
            <legend className="mb-2 text-body-sm font-medium text-heading">What to import</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {MODES.map((option) => (
                <label
                  key={option.value}
                  className={cn(
                    "group flex cursor-pointer gap-3 rounded-xl border-[1.5px] border-border bg-surface p-4 transition-all duration-150 ease-out",
                    "hover:border-input has-checked:border-primary has-checked:bg-secondary",
                    "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-ring",
                  )}
                >
                  <input
                    type="radio"
                    name="import-mode"
                    value={option.value}
                    checked={mode === option.value}
                    onChange={() => setMode(option.value)}
                    className="mt-1 size-4 shrink-0 accent-primary"
                  />
                  <span className="flex flex-col">
                    <span className="font-medium text-heading">{option.label}</span>
                    <span className="text-body-sm text-muted-foreground group-has-checked:text-secondary-foreground">{option.description}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          <div className="max-w-sm">
            <CategorySelect id="import-category" value={category} onChange={setCategory} />
          </div>
        </CardContent>
        <CardFooter className="flex-col-reverse items-stretch sm:flex-row sm:justify-end">
          <Link href={base} className={buttonVariants({ variant: "ghost" })}>
            Back to knowledge
          </Link>
          <Button type="submit" loading={pending}>
            {pending ? null : <Globe aria-hidden="true" />}
            {mode === "sitemap" ? "Import pages" : "Import page"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
