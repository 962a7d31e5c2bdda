import { describe, expect, it } from "vitest";

import { sanitizeMarkdown } from "./index";

describe("sanitizeMarkdown", () => {
  it("leaves ordinary Markdown exactly as it was", () => {
    const markdown = [
      "# Prices",
      "",
      "Cuts from **€30**, see [our menu](https://salon.example/menu \"Menu\") or [book](/book?x=1&y=2#top).",
      "",
      "- Call [us](tel:+351210000000) or [email](mailto:hi@salon.example)",
      "- ![Logo](images/logo.png) and <https://salon.example>",
      "",
      "| Service | Price |",
      "|---|---|",
      "| Cut | 30 |",
      "",
      "[menu]: https://salon.example/menu",
      "5 < 10 and 10 > 5, a <= b",
      "```",
      "code block",
      "```",
    ].join("\n");
    expect(sanitizeMarkdown(markdown)).toBe(markdown);
  });

  it("removes script, style and iframe elements with their content", () => {
    expect(sanitizeMarkdown("Before<script>alert(1)</script>After")).toBe("BeforeAfter");
    expect(sanitizeMarkdown('a<SCRIPT type="text/javascript">\nsteal()\n</script >b<style>p{}</style>c<iframe src="x">y</iframe>d')).toBe(
      "abcd",
    );
  });

  it("strips other tags and keeps their text", () => {
    expect(sanitizeMarkdown("<b>x</b>")).toBe("x");
    expect(sanitizeMarkdown('<a href="javascript:alert(1)" onclick="x()">click</a> <img src=x onerror=alert(1)>')).toBe("click ");
    expect(sanitizeMarkdown("one<br>two<p>three</p>")).toBe("one\ntwo\nthree\n");
    expect(sanitizeMarkdown("a<!-- hidden instructions -->b<!DOCTYPE html><?php echo 1 ?>c")).toBe("abc");
  });

  it("does not let removal assemble a new tag", () => {
    // Whatever is left is inert text.
    expect(sanitizeMarkdown("<scr<script>x</script>ipt>alert(1)</script>")).toBe("alert(1)");
    expect(sanitizeMarkdown("<ifr<!-- -->ame src=x></iframe>")).toBe("");
    expect(sanitizeMarkdown("<<b>script>alert(1)<</b>/script>")).toBe("");
  });

  it("neutralises links and images to scripts or data, however they are spelled", () => {
    expect(sanitizeMarkdown("[a](javascript:alert(1))")).toBe("a");
    expect(sanitizeMarkdown("![pic](data:image/svg+xml;base64,PHN2Zz4=) end")).toBe("pic end");
    expect(sanitizeMarkdown("[x]( JaVaScRiPt:alert(1) 'title')")).toBe("x");
    expect(sanitizeMarkdown("[x](java&#115;cript:alert(1))")).toBe("x");
    expect(sanitizeMarkdown("[x](java&Tab;script&colon;alert(1))")).toBe("x");
    expect(sanitizeMarkdown("[x](javascript\\:alert(1))")).toBe("x");
    expect(sanitizeMarkdown("[x](<javascript:alert(1)>)")).toBe("x");
    expect(sanitizeMarkdown("[x](vbscript:msgbox)")).toBe("x");
    expect(sanitizeMarkdown("[outer ![i](javascript:1)](https://ok.example)")).toBe("[outer i](https://ok.example)");
    expect(sanitizeMarkdown("[not closed [inner](javascript:1)")).toBe("[not closed inner");
    expect(sanitizeMarkdown("<javascript:alert(1)>")).toBe("javascript:alert(1)");
    expect(sanitizeMarkdown("[ref]: javascript:alert(1)\n[ok]: https://ok.example")).toBe("\n[ok]: https://ok.example");
  });
});
