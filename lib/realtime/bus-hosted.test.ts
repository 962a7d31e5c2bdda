import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { openHosted, useDatabaseForTests as installDatabaseForTests, type Database } from "@/lib/db";
import { startPostgresServer, type PostgresServer } from "@/lib/db/testing-postgres";
import { closeRealtimeBus, subscribeToChanges } from "./bus";
import { REALTIME_CHANNEL, type RealtimeEvent } from "./events";
import { waitFor } from "./testing";

/**
 * The hosted bus: one postgres.js connection of its own, to REALTIME_DATABASE_URL, that only LISTENs.
 *
 * Over pglite-socket (as lib/db/hosted.test.ts uses) only the LISTEN itself can be checked, not a delivery:
 * pglite-socket multiplexes every TCP connection onto PGlite's one backend and writes a query's output only to the
 * connection that sent it. A NOTIFY committed on another connection is announced at the end of *that* connection's
 * COMMIT (the backend is itself the listener), and nothing is ever pushed to an idle connection, so the listening
 * socket never hears it. Delivery across connections, at commit and never on rollback, is therefore tested against a
 * real Postgres server (Debian's postgresql package, started by lib/db/testing-postgres.ts).
 */

function installHostedDatabase(url: string): Database {
  vi.stubEnv("REALTIME_DATABASE_URL", url);
  resetConfigForTests();
  const hosted = openHosted(url);
  installDatabaseForTests(hosted);
  return hosted;
}

async function releaseHostedDatabase(hosted: Database | undefined) {
  await closeRealtimeBus();
  installDatabaseForTests(undefined);
  await hosted?.close();
  vi.unstubAllEnvs();
  resetConfigForTests();
}

describe("hosted bus over pglite-socket", () => {
  let pg: PGlite;
  let server: PGLiteSocketServer;
  let hosted: Database;

  beforeAll(async () => {
    pg = await PGlite.create();
    server = new PGLiteSocketServer({ db: pg, host: "127.0.0.1", port: 0, maxConnections: 4 });
    await server.start();
    hosted = installHostedDatabase(`postgres://postgres:postgres@127.0.0.1:${server.getServerConn().split(":").pop()}/postgres`);
  });
  afterAll(async () => {
    await releaseHostedDatabase(hosted);
    await server.stop();
    await pg.close();
  });

  it("LISTENs on a connection of its own to REALTIME_DATABASE_URL, and lets it go when closed", async () => {
    expect(server.getStats().activeConnections).toBe(0);
    await subscribeToChanges(() => {});
    expect((await pg.query<{ channel: string }>("select pg_listening_channels() as channel")).rows).toEqual([{ channel: REALTIME_CHANNEL }]);
    expect(server.getStats().activeConnections).toBe(1);
    await closeRealtimeBus();
    await waitFor(() => server.getStats().activeConnections === 0, { what: "the LISTEN connection to close" });
  });
});

describe("hosted bus against a real Postgres server", () => {
  let server: PostgresServer | undefined;
  let hosted: Database | undefined;

  // Fails, not skips, where no server is installed: CI installs one (.ci/run).
  beforeAll(async () => {
    server = await startPostgresServer();
    hosted = installHostedDatabase(server.url());
  }, 60_000);

  afterAll(async () => {
    await releaseHostedDatabase(hosted);
    await server?.stop();
  });

  const event = (): RealtimeEvent => ({
    type: "message.created",
    businessId: randomUUID(),
    conversationId: randomUUID(),
    id: randomUUID(),
    role: "customer",
  });
  const notify = (tx: Database["runner"], e: RealtimeEvent) => tx.query("select pg_notify($1, $2)", [REALTIME_CHANNEL, JSON.stringify(e)]);

  it("delivers what another connection commits, at commit, and nothing it rolls back", async () => {
    const received: string[] = [];
    const stop = await subscribeToChanges((e) => received.push(e.id));
    const committed = event();
    await hosted!.runner.transaction(async (tx) => {
      await notify(tx, committed);
      // The synchronisation point: a marker committed on another connection meanwhile. Postgres delivers notifications
      // to a listener in commit order, so once the marker has arrived, anything already announced would have too.
      const marker = event();
      await notify(hosted!.runner, marker);
      await waitFor(() => received.includes(marker.id), { what: "the marker committed meanwhile" });
      expect(received).toEqual([marker.id]);
    });
    await waitFor(() => received.length === 2, { what: "the committed event" });
    expect(received[1]).toBe(committed.id);

    const rolledBack = event();
    await expect(
      hosted!.runner.transaction(async (tx) => {
        await notify(tx, rolledBack);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const after = event();
    await notify(hosted!.runner, after);
    await waitFor(() => received.length === 3, { what: "the event after the rollback" });
    expect(received.slice(1)).toEqual([committed.id, after.id]);
    stop();
  });

  it("tells its subscribers when its connection dropped (events may be lost), and listens again", async () => {
    const received: string[] = [];
    const onGap = vi.fn();
    const stop = await subscribeToChanges((e) => received.push(e.id), { onGap });
    await hosted!.runner.query("select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %'");
    await waitFor(() => onGap.mock.calls.length === 1, { what: "the gap", timeoutMs: 10_000 });
    const next = event();
    await notify(hosted!.runner, next);
    await waitFor(() => received.includes(next.id), { what: "an event after the reconnection" });
    stop();
  });
});
