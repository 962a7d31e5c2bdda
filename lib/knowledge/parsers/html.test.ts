import { describe, expect, it } from "vitest";

import { htmlToMarkdown } from "./index";

describe("htmlToMarkdown", () => {
  it("keeps the main content as Markdown and drops scripts, navigation, header and footer", () => {
    const html = `<!doctype html><html><head><title>Prices &amp; Services | Salon Rosa</title>
      <style>body { color: red }</style><script>var tracking = 1;</script></head>
      <body>
        <header><a href="/">Salon Rosa</a><nav><ul><li><a href="/prices">Prices</a></li></ul></nav></header>
        <div class="layout">
          <aside>Follow us on Instagram</aside>
          <div>
            <h1>Our   prices</h1>
            <p>All prices include <strong>VAT</strong> &amp; a free consultation.<br>Ask at reception.</p>
            <h2>Hair</h2>
            <ul>
              <li>Cut &ndash; <a href="/book">€30</a></li>
              <li>Colour<ul><li>Roots: €45</li><li>Full: €70</li></ul></li>
            </ul>
            <table><tr><th>Service</th><th>Time</th></tr><tr><td>Blow-dry</td><td>30&nbsp;min</td></tr></table>
            <p hidden>Secret staff note</p><span aria-hidden="true">★</span><div style="display: none">hidden too</div>
            <form><label>Email</label><input name="email"><button>Subscribe</button></form>
            <noscript>Enable JavaScript</noscript><template><p>Template</p></template><svg><text>icon</text></svg>
          </div>
        </div>
        <footer>© 2025 Salon Rosa · <a href="/privacy">Privacy</a></footer>
        <script>document.write("<p>late</p>")</script>
      </body></html>`;
    expect(htmlToMarkdown(html, "https://salon.example/prices")).toEqual({
      title: "Prices & Services | Salon Rosa",
      text: [
        "# Our prices",
        "All prices include VAT & a free consultation.\nAsk at reception.",
        "## Hair",
        "- Cut – €30\n- Colour\n  - Roots: €45\n  - Full: €70",
        "Service | Time\nBlow-dry | 30 min",
      ].join("\n\n"),
    });
  });

  it("prefers <main>, and a lone <article>, over the rest of the page", () => {
    const page = (content: string) => `<body><p>Cookie banner</p>${content}<p>Newsletter</p></body>`;
    expect(htmlToMarkdown(page("<main><h2>Hours</h2><p>9 to 6</p></main>")).text).toBe("## Hours\n\n9 to 6");
    const article = "<article><header><h1>Aftercare</h1></header><p>Wash after 48 hours.</p><footer>By Ana</footer></article>";
    expect(htmlToMarkdown(page(article))).toEqual({ title: "Aftercare", text: "# Aftercare\n\nWash after 48 hours.\n\nBy Ana" });
    const two = "<article><p>One</p></article><article><p>Two</p></article>";
    expect(htmlToMarkdown(page(two)).text).toBe("Cookie banner\n\nOne\n\nTwo\n\nNewsletter");
  });

  it("takes the title from the first h1, then the address, when there is no <title>", () => {
    expect(htmlToMarkdown("<h1>Gift <em>cards</em></h1><p>x</p>").title).toBe("Gift cards");
    expect(htmlToMarkdown("<p>x</p>", "https://salon.example/gift-cards.html").title).toBe("gift cards");
    expect(htmlToMarkdown("<p>x</p>", "https://salon.example/").title).toBe("salon.example");
  });

  it("sanitises what entities decode to, and keeps text the parser would lose to unclosed tags", () => {
    const { text } = htmlToMarkdown("<main><p>Use &lt;script&gt;alert(1)&lt;/script&gt; here<p>Then <b>this");
    expect(text).toBe("Use here\n\nThen this");
  });
});
