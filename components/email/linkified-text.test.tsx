import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LinkifiedText } from "./linkified-text";

describe("LinkifiedText", () => {
  it("links http(s) URLs without their trailing punctuation and keeps any markup in the text as text", () => {
    const html = renderToStaticMarkup(
      <LinkifiedText text={'Reset it at https://frontdesk.test/reset?t=1. Or <img src=x onerror="alert(1)">'} sameOrigin="https://frontdesk.test" />,
    );
    expect(html).toBe(
      'Reset it at <a href="https://frontdesk.test/reset?t=1" class="break-all text-link underline underline-offset-2">https://frontdesk.test/reset?t=1</a>' +
        ". Or &lt;img src=x onerror=&quot;alert(1)&quot;&gt;",
    );
  });

  it("opens links to other sites in a new tab without handing them the opener", () => {
    const html = renderToStaticMarkup(<LinkifiedText text="See http://elsewhere.example/page" sameOrigin="https://frontdesk.test" />);
    expect(html).toContain('<a href="http://elsewhere.example/page" class="break-all text-link underline underline-offset-2" target="_blank" rel="noopener noreferrer">');
  });
});
