/** Runs once when the server starts: opens (and in embedded mode migrates and seeds) the database, then says how to use it. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { announceStartup } = await import("./lib/platform/startup");
    await announceStartup();
  }
}
