import postgres from "postgres";
import { getConfig } from "@/lib/config";
import { getDatabase, type Database } from "@/lib/db";
import { log } from "@/lib/log";
import { parseRealtimeEvent, REALTIME_CHANNEL, type RealtimeEvent } from "./events";

export type ChangeListener = (event: RealtimeEvent) => void;
export type SubscribeOptions = {
  /**
   * Called when the bus may have missed events (hosted: its LISTEN connection dropped and came back). A stream should
   * end then, so its client reconnects and reads what it missed from the tables.
   */
  onGap?: () => void;
};

type Subscriber = { listener: ChangeListener; onGap?: () => void };

/** One subscription to the database's change channel per process, shared by every open stream. */
type Bus = {
  database: Database;
  subscribers: Set<Subscriber>;
  /** Settles once the database is listening; yields how to stop. */
  started: Promise<() => Promise<void>>;
};

const globalForBus = globalThis as unknown as { __frontdeskRealtimeBus?: Bus };

/**
 * Calls `listener` with every change the database announces (the `private.announce_change` trigger's pg_notify on
 * `frontdesk_events`), from the moment the returned promise settles until the returned function is called. Postgres
 * delivers a notification when its transaction commits and never for one rolled back. The listener sees every
 * business's events: callers filter (`memberMaySee`, the visitor's own conversation).
 */
export async function subscribeToChanges(listener: ChangeListener, options: SubscribeOptions = {}): Promise<() => void> {
  const bus = busFor(await getDatabase());
  const subscriber: Subscriber = { listener, onGap: options.onGap };
  bus.subscribers.add(subscriber);
  try {
    await bus.started;
  } catch (error) {
    bus.subscribers.delete(subscriber);
    throw error;
  }
  return () => {
    bus.subscribers.delete(subscriber);
  };
}

/** Stops listening (tests; a process shutting down). The next subscription starts a new bus. */
export async function closeRealtimeBus(): Promise<void> {
  const bus = globalForBus.__frontdeskRealtimeBus;
  globalForBus.__frontdeskRealtimeBus = undefined;
  if (bus) await stopBus(bus);
}

function busFor(database: Database): Bus {
  const current = globalForBus.__frontdeskRealtimeBus;
  if (current?.database === database) return current;
  // Another database was installed (a test's fresh clone): the old one's listener goes with it.
  if (current) void stopBus(current);
  const subscribers = new Set<Subscriber>();
  const started = startListening(
    database,
    (payload) => fanOut(subscribers, payload),
    () => announceGap(database.mode, subscribers),
  );
  const bus: Bus = { database, subscribers, started };
  // A failed start is not kept: the next subscriber tries again (the database may be back).
  started.catch((error: unknown) => {
    log.error("realtime.listen_failed", { mode: database.mode, error });
    if (globalForBus.__frontdeskRealtimeBus === bus) globalForBus.__frontdeskRealtimeBus = undefined;
  });
  globalForBus.__frontdeskRealtimeBus = bus;
  return bus;
}

async function stopBus(bus: Bus) {
  bus.subscribers.clear();
  try {
    await (await bus.started)();
  } catch {
    // Never started, or its database is already closed: there is nothing left to stop.
  }
}

function fanOut(subscribers: Set<Subscriber>, payload: string) {
  const event = parseRealtimeEvent(payload);
  if (!event) {
    log.warn("realtime.unknown_payload", { channel: REALTIME_CHANNEL });
    return;
  }
  for (const subscriber of [...subscribers]) {
    try {
      subscriber.listener(event);
    } catch (error) {
      // One stream's failure must not keep the event from the others.
      log.error("realtime.listener_failed", { type: event.type, businessId: event.businessId, error });
    }
  }
}

function announceGap(mode: Database["mode"], subscribers: Set<Subscriber>) {
  log.warn("realtime.listen_resumed", { mode });
  for (const subscriber of [...subscribers]) {
    try {
      subscriber.onGap?.();
    } catch (error) {
      log.error("realtime.listener_failed", { type: "gap", error });
    }
  }
}

/**
 * Embedded: PGlite's own listener (one in-process backend, notified at commit). Hosted: one dedicated postgres.js
 * connection that does nothing but LISTEN, to REALTIME_DATABASE_URL (a direct or session-mode connection; the
 * transaction pooler hands a session to another client after each transaction, which drops a LISTEN).
 */
async function startListening(database: Database, onPayload: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>> {
  if (database.mode === "embedded") {
    if (!database.pglite) throw new Error("The embedded database has no PGlite instance to listen on");
    const unlisten = await database.pglite.listen(REALTIME_CHANNEL, onPayload);
    return async () => {
      await unlisten().catch(() => {
        // The database was closed first (a test's clone): its listener went with it.
      });
    };
  }
  const url = getConfig().realtimeDatabaseUrl;
  if (!url) throw new Error("Hosted realtime needs REALTIME_DATABASE_URL or DATABASE_URL");
  const client = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  let listening = false;
  try {
    // postgres.js re-issues LISTEN on a new connection when this one drops; `onlisten` runs after each LISTEN, and any
    // after the first means notifications may have been missed in between.
    await client.listen(REALTIME_CHANNEL, onPayload, () => {
      if (listening) onGap();
      listening = true;
    });
  } catch (error) {
    await client.end({ timeout: 1 });
    throw error;
  }
  return async () => {
    await client.end({ timeout: 5 });
  };
}
