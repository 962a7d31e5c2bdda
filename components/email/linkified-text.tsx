import { Fragment } from "react";

const URL_PATTERN = /https?:\/\/[^\s<>"'()]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/**
 * Plain text with its http(s) URLs turned into links. Everything is rendered as React text nodes,
 * so an email body can never inject markup.
 */
export function LinkifiedText({ text, sameOrigin }: { text: string; sameOrigin?: string }) {
  const parts: { text: string; href?: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const raw = match[0];
    const url = raw.replace(TRAILING_PUNCTUATION, "");
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });

  return (
    <>
      {parts.map((part, index) => {
        if (!part.href) return <Fragment key={index}>{part.text}</Fragment>;
        const external = !sameOrigin || !part.href.startsWith(sameOrigin);
        return (
          <a
            key={index}
            href={part.href}
            className="break-all text-link underline underline-offset-2"
            {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
          >
            {part.text}
          </a>
        );
      })}
    </>
  );
}
