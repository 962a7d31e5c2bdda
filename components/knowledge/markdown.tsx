import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/components/ui/cn";

/*
 * Raw HTML in the Markdown is shown as text, never rendered: react-markdown does not parse HTML unless a rehype-raw
 * plugin is added, and none is. Links open in a new tab without giving the page a handle on this one; images are
 * shown by their description, so a pasted document cannot make the dashboard load outside content.
 */
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-link underline underline-offset-2">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="text-muted-foreground italic">[Image{alt ? `: ${alt}` : ""}]</span>,
  table: ({ children }) => (
    <div className="my-3 overflow-x-auto">
      <table className="w-full border-collapse text-body-sm">{children}</table>
    </div>
  ),
};

/** Knowledge content as formatted text (GitHub-flavoured Markdown: tables, lists, task lists, strikethrough). */
export function SafeMarkdown({ children, className }: { children: string; className?: string }) {
  return (
    <div
      className={cn(
        "text-body break-words text-foreground",
        "[&_h1]:mt-6 [&_h1]:mb-2 [&_h1]:text-h3 [&_h1]:text-heading [&_h2]:mt-6 [&_h2]:mb-2 [&_h2]:text-h4 [&_h2]:text-heading",
        "[&_h3]:mt-4 [&_h3]:mb-1 [&_h3]:font-semibold [&_h3]:text-heading [&_h4]:mt-4 [&_h4]:font-semibold [&_h4]:text-heading",
        "[&>*:first-child]:mt-0 [&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_li]:my-0.5",
        "[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-border [&_blockquote]:pl-4 [&_blockquote]:text-muted-foreground",
        "[&_code]:rounded [&_code]:bg-secondary [&_code]:px-1 [&_code]:font-mono [&_code]:text-body-sm",
        "[&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-secondary [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
        "[&_hr]:my-6 [&_hr]:border-border [&_strong]:font-semibold [&_strong]:text-heading",
        "[&_th]:border [&_th]:border-border [&_th]:bg-surface-muted [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-semibold",
        "[&_td]:border [&_td]:border-border [&_td]:px-3 [&_td]:py-2 [&_td]:align-top",
        className,
      )}
    >
      <Markdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </Markdown>
    </div>
  );
}
