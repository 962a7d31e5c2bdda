// `npm run bench:widget`: builds the widget and prints the gzip sizes of what a visitor's browser downloads: the
// loader every page of the business's site loads, and all the JavaScript the opened chat loads (its one bundle).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const TARGET = { loader_kb: 5, chat_kb: 50 };
execFileSync(process.execPath, [path.resolve("scripts/build-widget.mjs")], { stdio: "inherit" });
const gzipKb = (file: string) => gzipSync(readFileSync(path.resolve(file)), { level: 9 }).length / 1024;
const loader = gzipKb("public/widget.js");
const chat = gzipKb("public/widget/chat.js");
console.log(`loader (widget.js):        ${loader.toFixed(2)} KB gzip (target <= ${TARGET.loader_kb} KB)`);
console.log(`opened chat (all its JS):  ${chat.toFixed(2)} KB gzip (target <= ${TARGET.chat_kb} KB; Crisp ~130, Chatwoot ~170, Intercom ~344)`);
console.log(loader <= TARGET.loader_kb && chat <= TARGET.chat_kb ? "Both targets met." : "A target was missed.");
console.log(`loader_gzip_kb=${loader.toFixed(2)} chat_gzip_kb=${chat.toFixed(2)}`);
