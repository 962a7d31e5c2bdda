import { KNOWLEDGE_CATEGORIES, KNOWLEDGE_CATEGORY_LABELS, type KnowledgeCategory } from "@/lib/knowledge/types";
import { FieldError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export function isCategory(value: string): value is KnowledgeCategory {
  return (KNOWLEDGE_CATEGORIES as readonly string[]).includes(value);
}

/** The category picker every knowledge form shares; the hint says why it matters. */
export function CategorySelect({
  id,
  value,
  onChange,
  error,
  disabled,
}: {
  id: string;
  value: KnowledgeCategory;
  onChange: (value: KnowledgeCategory) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>Category</Label>
      <Select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        onChange={(event) => {
          if (isCategory(event.target.value)) onChange(event.target.value);
        }}
      >
        {KNOWLEDGE_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {KNOWLEDGE_CATEGORY_LABELS[category]}
          </option>
        ))}
      </Select>
      <p id={`${id}-hint`} className="text-body-sm text-muted-foreground">
        Groups your knowledge so you can filter the list by it.
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
