// Builds the app when there is no build or the sources changed since the last one (used by `npm start` and benches).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const sources = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function ensureBuild() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  if (built !== 0 && changed <= built) return;
  console.log(built === 0 ? "No build yet: building the app (about a minute)..." : "Sources changed since the last build: rebuilding...");
  // The website widget's bundles are built apart from the app (esbuild) and served from public/.
  const widget = spawnSync(process.execPath, [path.join(root, "scripts/build-widget.mjs")], { stdio: "inherit" });
  if (widget.status !== 0) process.exit(widget.status ?? 1);
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
