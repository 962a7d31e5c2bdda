/** Real files built in memory for the parser tests: PDFs with pdf-lib or by hand, DOCX and zip bombs with fflate. */
import { createHash } from "node:crypto";

import { strToU8, Zip, ZipDeflate, zipSync, type Zippable } from "fflate";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";

export async function buildPdf(pages: string[][], options: { title?: string } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (options.title !== undefined) pdf.setTitle(options.title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]);
    lines.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - i * 20, size: 12, font }));
  }
  return pdf.save();
}

export async function buildImageOnlyPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([612, 792]).drawRectangle({ x: 72, y: 400, width: 200, height: 100, color: rgb(0.8, 0.2, 0.2) });
  return pdf.save();
}

// The 32-byte padding string of the PDF standard security handler (PDF 1.7, 7.6.3.3, Algorithm 2).
const PASSWORD_PAD = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6,
  0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

/** RC4, written out because OpenSSL 3 no longer offers it to node:crypto by default. */
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
    out[n] = (data[n] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => new Uint8Array(createHash("md5").update(Buffer.concat(parts)).digest());
const padPassword = (password: string) => Uint8Array.from([...Buffer.from(password, "latin1"), ...PASSWORD_PAD].slice(0, 32));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/**
 * A one-page PDF encrypted with the standard security handler, RC4 40-bit (V 1, R 2), that needs `userPassword` to
 * open: O, U and the key follow Algorithms 3, 4 and 2 of PDF 1.7 section 7.6.3, and the page content is encrypted
 * with its object key, so a reader given the password shows `text`.
 */
export function buildEncryptedPdf(text: string, userPassword: string, ownerPassword = "owner"): Uint8Array {
  const fileId = md5(Buffer.from("knowledge-parser-test"));
  const permissions = Uint8Array.from([0xfc, 0xff, 0xff, 0xff]); // P = -4, little-endian
  const owner = rc4(md5(padPassword(ownerPassword)).subarray(0, 5), padPassword(userPassword));
  const key = md5(padPassword(userPassword), owner, permissions, fileId).subarray(0, 5);
  const user = rc4(key, PASSWORD_PAD);
  const contentObject = 5;
  const objectKey = md5(key, Uint8Array.from([contentObject, 0, 0, 0, 0])).subarray(0, 10);
  const content = rc4(objectKey, Buffer.from(`BT /F1 24 Tf 72 700 Td (${text}) Tj ET`, "latin1"));

  const objects: (string | Uint8Array)[][] = [
    ["<< /Type /Catalog /Pages 2 0 R >>"],
    ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>"],
    ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"],
    ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"],
    [`<< /Length ${content.length} >>\nstream\n`, content, "\nendstream"],
    [`<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P -4 >>`],
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  const add = (part: string | Uint8Array) => {
    const bytes = typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part);
    parts.push(bytes);
    length += bytes.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    add(`${i + 1} 0 obj\n`);
    body.forEach(add);
    add("\nendobj\n");
  });
  const xref = length;
  add(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
  for (const offset of offsets) add(`${String(offset).padStart(10, "0")} 00000 n \n`);
  add(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hex(fileId)}> <${hex(fileId)}>] >>\n`);
  add(`startxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

export function stylesXml(styles: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${W}>${styles}</w:styles>`;
}

/** A minimal .docx as Word writes it: content types, package relationships and the main document part. */
export function buildDocx(body: string, parts: Record<string, string> = {}): Uint8Array {
  const files: Zippable = {
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        "</Types>",
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    ),
    "word/document.xml": strToU8(documentXml(body)),
  };
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files);
}

/**
 * A .docx-shaped zip whose word/document.xml inflates to `megabytes` MB of one repeated byte. Written with the
 * streaming Zip, as many tools do, so the local headers declare no sizes at all and the reader must count.
 */
export function buildZipBomb(megabytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    chunks.push(data);
  });
  const types = new ZipDeflate("[Content_Types].xml");
  zip.add(types);
  types.push(strToU8("<Types/>"), true);
  const document = new ZipDeflate("word/document.xml", { level: 9 });
  zip.add(document);
  const block = new Uint8Array(1024 * 1024).fill(0x61);
  for (let i = 0; i < megabytes; i++) document.push(block, i === megabytes - 1);
  zip.end();
  return new Uint8Array(Buffer.concat(chunks));
}

export const OLE_HEADER = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);
