#!/usr/bin/env node
/**
 * Draws the Frontdesk app icons (a speech bubble with a typing indicator on deep blue) and writes them as PNGs.
 * Pure Node: shapes are rasterised with 4x4 supersampling and encoded by a small PNG writer over zlib,
 * so no image library or network is needed. Run: node scripts/make-icons.mjs
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const DEEP_BLUE = [0x1a, 0x23, 0x32];
const WHITE = [0xff, 0xff, 0xff];
const TEAL = [0x00, 0xb4, 0xa6];

// --- PNG encoding -------------------------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** RGBA pixels (size*size*4 bytes) to a PNG file. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter
  header[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type "None" for each scanline
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// --- Shapes, in the 32x32 design space of components/brand/logo.tsx -----------------------------

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(px, py, [ax, ay], [bx, by], [cx, cy]) {
  const d1 = (px - bx) * (ay - by) - (ax - bx) * (py - by);
  const d2 = (px - cx) * (by - cy) - (bx - cx) * (py - cy);
  const d3 = (px - ax) * (cy - ay) - (cx - ax) * (py - ay);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function inBubble(x, y) {
  return inRoundedRect(x, y, 6, 8, 26, 21, 5) || inTriangle(x, y, [14, 21], [9.5, 24.5], [9.5, 19]);
}

function inDot(x, y) {
  return inCircle(x, y, 11.5, 14.5, 1.7) || inCircle(x, y, 16, 14.5, 1.7) || inCircle(x, y, 20.5, 14.5, 1.7);
}

/**
 * @param size   pixel size of the square icon
 * @param bleed  true: the background fills the square (maskable / Apple); false: rounded square, transparent corners
 * @param scale  how large the glyph is relative to the 32-unit design (maskable icons keep it in the safe zone)
 */
function drawIcon(size, { bleed, scale }) {
  const samples = 4;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 32;
          const y = ((py + (sy + 0.5) / samples) / size) * 32;
          if (!bleed && !inRoundedRect(x, y, 0, 0, 32, 32, 8)) continue;
          // Glyph coordinates: scaled about the centre.
          const gx = (x - 16) / scale + 16;
          const gy = (y - 16) / scale + 16;
          const colour = inDot(gx, gy) ? TEAL : inBubble(gx, gy) ? WHITE : DEEP_BLUE;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 255;
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      const coverage = a / 255;
      // Colours are averaged over covered samples only, so edges blend into transparency, not into black.
      out[i] = coverage ? Math.round(r / coverage) : 0;
      out[i + 1] = coverage ? Math.round(g / coverage) : 0;
      out[i + 2] = coverage ? Math.round(b / coverage) : 0;
      out[i + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, out);
}

const outputs = [
  { file: "public/icons/icon-192.png", size: 192, bleed: false, scale: 1 },
  { file: "public/icons/icon-512.png", size: 512, bleed: false, scale: 1 },
  // Maskable icons may be cropped to a circle of 80% diameter: keep the glyph well inside it.
  { file: "public/icons/maskable-192.png", size: 192, bleed: true, scale: 0.72 },
  { file: "public/icons/maskable-512.png", size: 512, bleed: true, scale: 0.72 },
  { file: "public/icons/apple-touch-icon.png", size: 180, bleed: true, scale: 0.85 },
  { file: "app/icon.png", size: 64, bleed: false, scale: 1 },
];

for (const { file, size, bleed, scale } of outputs) {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, drawIcon(size, { bleed, scale }));
  console.log(`wrote ${file} (${size}x${size})`);
}
