#!/usr/bin/env node
// Builds the website widget's two bundles with esbuild, apart from the Next.js app: the loader a business embeds
// (public/widget.js, kept tiny) and the chat that runs in the iframe (public/widget/chat.js). Both are build output.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
mkdirSync(path.join(root, "public/widget"), { recursive: true });
const common = { bundle: true, minify: true, format: "iife", target: "es2020", legalComments: "none", logLevel: "warning" };
await Promise.all([
  build({ ...common, entryPoints: [path.join(root, "lib/widget/client/loader.ts")], outfile: path.join(root, "public/widget.js") }),
  build({ ...common, entryPoints: [path.join(root, "lib/widget/client/chat/main.ts")], outfile: path.join(root, "public/widget/chat.js") }),
]);
