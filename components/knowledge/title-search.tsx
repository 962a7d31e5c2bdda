import { Search } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function TitleSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div className="relative w-full lg:max-w-xs">
      <Label htmlFor="knowledge-title-search" className="sr-only">
        Search titles
      </Label>
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
      <Input
        id="knowledge-title-search"
        type="search"
        size="sm"
        placeholder="Search titles"
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-11 pl-9"
      />
    </div>
  );
}
