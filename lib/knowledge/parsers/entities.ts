/** The five XML entities, which are all a DOCX part or a sitemap may use by name. */
const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes `&amp;`-style and numeric character references; unknown names stay as written. */
export function decodeEntities(text: string, named: Readonly<Record<string, string>> = XML_ENTITIES): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z][A-Za-z0-9]{0,31}));/g, (whole, hex, dec, name) => {
    if (typeof name === "string") return named[name] ?? whole;
    const code = typeof hex === "string" ? parseInt(hex, 16) : Number(dec);
    // What an HTML parser does with NUL, surrogates and code points beyond Unicode: the replacement character.
    const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
    return String.fromCodePoint(invalid ? 0xfffd : code);
  });
}
