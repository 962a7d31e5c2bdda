import { createECDH, randomBytes, type ECDH } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Database } from "@/lib/db";
import type { OpeningHours } from "@/lib/db/schema";
import { addMember, createBusinessAs, createUser } from "@/lib/db/testing";
import { allowLocalPushEndpointsForTests } from "./push";

// http_ece (web-push's own encryption library) ships no types: this is the one function the tests need.
export const ece = createRequire(import.meta.url)("http_ece") as {
  decrypt(buffer: Buffer, params: { version: "aes128gcm"; privateKey: ECDH; authSecret: string }): Buffer;
};

/**
 * The people of the notification tests: Ada owns Ada's Salon, Dan is her admin and Carol her agent; Bob owns Bob's
 * Bikes. The salon opens 09:00–17:00 on weekdays, London time.
 */
export const SALON_HOURS: OpeningHours = {
  mon: [{ open: "09:00", close: "17:00" }],
  tue: [{ open: "09:00", close: "17:00" }],
  wed: [{ open: "09:00", close: "17:00" }],
  thu: [{ open: "09:00", close: "17:00" }],
  fri: [{ open: "09:00", close: "17:00" }],
};

export async function notificationWorld(database: Database) {
  const ada = await createUser(database, { email: "ada@adas-salon.test", fullName: "Ada" });
  const carol = await createUser(database, { email: "carol@adas-salon.test", fullName: "Carol" });
  const dan = await createUser(database, { email: "dan@adas-salon.test", fullName: "Dan" });
  const bob = await createUser(database, { email: "bob@bobs-bikes.test", fullName: "Bob" });
  const salon = await createBusinessAs(ada, { name: "Ada's Salon", timeZone: "Europe/London" });
  const bikes = await createBusinessAs(bob, { name: "Bob's Bikes", timeZone: "America/Chicago" });
  await addMember(database, salon, carol, "agent");
  await addMember(database, salon, dan, "admin");
  await database.runner.query("update businesses set opening_hours = $2::jsonb where id = $1", [salon, JSON.stringify(SALON_HOURS)]);
  return { ada, carol, dan, bob, salon, bikes };
}

/** A conversation handed to people at `handedOffAt` (needs_human, nobody opened or answered yet). */
export async function waitingConversation(
  database: Database,
  { businessId, handedOffAt, contactName = "Jane" }: { businessId: string; handedOffAt: Date; contactName?: string },
): Promise<string> {
  const [contact] = await database.runner.query<{ id: string }>("insert into contacts (business_id, name) values ($1, $2) returning id", [
    businessId,
    contactName,
  ]);
  const [conversation] = await database.runner.query<{ id: string }>(
    `insert into conversations (business_id, contact_id, channel, status, handed_off_at, handoff_reason)
     values ($1, $2, 'widget', 'needs_human', $3, 'customer_request') returning id`,
    [businessId, contact!.id, handedOffAt.toISOString()],
  );
  return conversation!.id;
}

/** Sets a person's preferences row directly (the route's own path is tested in queries.test.ts). */
export async function setPreferences(
  database: Database,
  { businessId, userId, onDuty = true, quietStart = null, quietEnd = null, timeZone = null, channels = {} }: {
    businessId: string;
    userId: string;
    onDuty?: boolean;
    quietStart?: string | null;
    quietEnd?: string | null;
    timeZone?: string | null;
    channels?: Record<string, unknown>;
  },
): Promise<void> {
  await database.runner.query(
    `insert into notification_preferences (business_id, user_id, on_duty, quiet_start, quiet_end, time_zone, channels)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [businessId, userId, onDuty, quietStart, quietEnd, timeZone, JSON.stringify(channels)],
  );
}

export async function notificationsOf(database: Database, businessId: string) {
  return database.runner.query<{ id: string; user_id: string; type: string; title: string; body: string; conversation_id: string | null }>(
    "select id, user_id, type, title, body, conversation_id from notifications where business_id = $1 order by created_at, user_id",
    [businessId],
  );
}

export type ReceivedPush = { path: string; method: string; headers: IncomingMessage["headers"]; body: Buffer };

/**
 * A local stand-in for a push service: records each POST and answers 201, or 410 under /gone, 404 under /missing,
 * 500 under /broken, and never under /hang. `device(path)` makes a subscription's keys as a browser would, and
 * `read(push, device)` decrypts what it received.
 */
export async function startFakePushService() {
  allowLocalPushEndpointsForTests(true);
  const received: ReceivedPush[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      received.push({ path, method: request.method ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      if (path.startsWith("/hang")) return;
      response.statusCode = path.startsWith("/gone") ? 410 : path.startsWith("/missing") ? 404 : path.startsWith("/broken") ? 500 : 201;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    device(path: string) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      return { ecdh, auth: randomBytes(16).toString("base64url"), endpoint: `${origin}${path}`, p256dh: ecdh.getPublicKey().toString("base64url") };
    },
    read(push: ReceivedPush, device: { ecdh: ECDH; auth: string }): unknown {
      return JSON.parse(ece.decrypt(push.body, { version: "aes128gcm", privateKey: device.ecdh, authSecret: device.auth }).toString("utf8"));
    },
    async close() {
      allowLocalPushEndpointsForTests(false);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
