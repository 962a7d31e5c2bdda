import { TriangleAlert } from "lucide-react";
import type { CsvPreview } from "@/lib/knowledge/types";

const SHOWN_ROWS = 50;

/** The questions a CSV would import, and the rows that would be skipped and why. */
export function CsvPreviewTable({ preview, fileName }: { preview: CsvPreview; fileName: string }) {
  const shown = preview.entries.slice(0, SHOWN_ROWS);
  return (
    <div className="space-y-4">
      {preview.errors.length > 0 ? (
        <section aria-labelledby="csv-errors-heading" className="rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-body-sm text-warning">
          <h2 id="csv-errors-heading" className="flex items-center gap-2 font-semibold">
            <TriangleAlert className="size-4 shrink-0" aria-hidden="true" />
            {preview.errors.length === 1 ? "1 row has a problem" : `${preview.errors.length} rows have problems`}
          </h2>
          <ul className="mt-2 max-h-48 space-y-1 overflow-y-auto pl-6">
            {preview.errors.map((error, index) => (
              <li key={`${error.line}-${index}`}>
                <span className="font-medium">Line {error.line}:</span> {error.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {shown.length > 0 ? (
        <div className="overflow-x-auto rounded-xl border border-border" tabIndex={0} role="region" aria-labelledby="csv-table-caption">
          <table className="w-full min-w-[36rem] border-collapse text-left text-body-sm">
            <caption id="csv-table-caption" className="px-4 py-3 text-left text-body-sm text-muted-foreground">
              {preview.entries.length > SHOWN_ROWS
                ? `The first ${SHOWN_ROWS} of ${preview.entries.length} questions in ${fileName}`
                : `${preview.entries.length === 1 ? "The question" : `All ${preview.entries.length} questions`} in ${fileName}`}
            </caption>
            <thead className="bg-surface-muted">
              <tr>
                <th scope="col" className="w-16 border-t border-border px-4 py-2 font-semibold text-heading">
                  Line
                </th>
                <th scope="col" className="border-t border-border px-4 py-2 font-semibold text-heading">
                  Question
                </th>
                <th scope="col" className="border-t border-border px-4 py-2 font-semibold text-heading">
                  Answer
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => (
                <tr key={entry.line} className="align-top">
                  <td className="border-t border-border px-4 py-2 text-muted-foreground tabular-nums">{entry.line}</td>
                  <td className="border-t border-border px-4 py-2 font-medium text-heading">{entry.question}</td>
                  <td className="border-t border-border px-4 py-2 whitespace-pre-line text-foreground">
                    <span className="line-clamp-4">{entry.answer}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
