import { importJWK, jwtVerify } from "jose";
import { generateVAPIDKeys } from "web-push";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { createUser, useTestDatabase as withTestDatabase } from "@/lib/db/testing";
import { allowLocalPushEndpointsForTests, MAX_PUSH_FAILURES, pushEndpointAllowed, pushToDevices, sendPush, type PushTarget } from "./push";
import { ece, startFakePushService } from "./test-support";
import { resetVapidForTests } from "./vapid";

/**
 * The contract with real push services (RFC 8030 delivery, RFC 8291 message encryption, RFC 8292 VAPID), checked
 * against a local endpoint standing in for one: it verifies the VAPID JWT with the public key, decrypts the body with
 * the subscription's private key, and answers 201, 410 or 500 as a push service would.
 */

const vapidKeys = generateVAPIDKeys();
const SUBJECT = "mailto:ops@adas-salon.test";
let service: Awaited<ReturnType<typeof startFakePushService>>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  service = await startFakePushService();
  process.env.VAPID_PUBLIC_KEY = vapidKeys.publicKey;
  process.env.VAPID_PRIVATE_KEY = vapidKeys.privateKey;
  process.env.VAPID_SUBJECT = SUBJECT;
  resetConfigForTests();
  resetVapidForTests();
});

afterAll(async () => {
  await service.close();
  process.env = savedEnv;
  resetConfigForTests();
  resetVapidForTests();
});

beforeEach(() => {
  service.received.length = 0;
});

const device = (path: string) => service.device(path);

const message = { title: "Jane needs a person", body: "asked for a person: can I move my 3 pm?", url: "/b/salon/inbox/c1", tag: "frontdesk-c1" };
const vapid = () => ({ ...vapidKeys, subject: SUBJECT });

describe("a web push, as a push service receives it", () => {
  it("is a POST signed with a VAPID JWT for the endpoint's origin, with a TTL, and an aes128gcm body only the device can read", async () => {
    const phone = device("/ok/phone");
    const target: PushTarget = { id: "00000000-0000-4000-8000-000000000001", userId: "u", endpoint: phone.endpoint, p256dh: phone.p256dh, auth: phone.auth };
    const before = Math.floor(Date.now() / 1000);
    expect(await sendPush(target, message, vapid(), { ttlSeconds: 600 })).toEqual({ outcome: "sent", status: 201 });

    expect(service.received).toHaveLength(1);
    const [push] = service.received;
    expect(push).toMatchObject({ path: "/ok/phone", method: "POST" });
    expect(push!.headers["content-encoding"]).toBe("aes128gcm");
    expect(push!.headers["content-type"]).toBe("application/octet-stream");
    expect(push!.headers.ttl).toBe("600");
    expect(push!.headers.urgency).toBe("high");

    // Authorization: vapid t=<JWT>, k=<the server's public key>
    const match = /^vapid t=([^,]+), k=(.+)$/.exec(push!.headers.authorization ?? "");
    expect(match).not.toBeNull();
    const [, token, key] = match!;
    expect(key).toBe(vapidKeys.publicKey);
    const point = Buffer.from(key!, "base64url");
    expect(point.length).toBe(65);
    const publicKey = await importJWK(
      { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
      "ES256",
    );
    const { payload, protectedHeader } = await jwtVerify(token!, publicKey, { audience: service.origin, algorithms: ["ES256"] });
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload.sub).toBe(SUBJECT);
    expect(payload.exp).toBeGreaterThan(before);
    expect(payload.exp! - before).toBeLessThanOrEqual(24 * 60 * 60);
    // The same token does not verify with another key: the signature is really checked.
    const other = Buffer.from(generateVAPIDKeys().publicKey, "base64url");
    const otherKey = await importJWK({ kty: "EC", crv: "P-256", x: other.subarray(1, 33).toString("base64url"), y: other.subarray(33).toString("base64url") }, "ES256");
    await expect(jwtVerify(token!, otherKey, { audience: service.origin })).rejects.toThrow();

    const plain = ece.decrypt(push!.body, { version: "aes128gcm", privateKey: phone.ecdh, authSecret: phone.auth });
    expect(JSON.parse(plain.toString("utf8"))).toEqual(message);
    // Another device's keys cannot read it.
    const stranger = device("/ok/other");
    expect(() => ece.decrypt(push!.body, { version: "aes128gcm", privateKey: stranger.ecdh, authSecret: stranger.auth })).toThrow();
  });

  it("keeps the payload small whatever the notification says", async () => {
    const phone = device("/ok/long");
    const target = { id: "00000000-0000-4000-8000-000000000002", userId: "u", endpoint: phone.endpoint, p256dh: phone.p256dh, auth: phone.auth };
    await sendPush(target, { ...message, title: "t".repeat(1000), body: "b".repeat(5000) }, vapid());
    const plain = JSON.parse(ece.decrypt(service.received[0]!.body, { version: "aes128gcm", privateKey: phone.ecdh, authSecret: phone.auth }).toString("utf8")) as {
      title: string;
      body: string;
    };
    expect(plain.title.length).toBe(120);
    expect(plain.body.length).toBe(400);
    expect(service.received[0]!.body.length).toBeLessThan(4096);
  });

  it("reports 404 and 410 as gone, 500 and silence as failures", async () => {
    const target = (path: string) => {
      const d = device(path);
      return { id: "00000000-0000-4000-8000-000000000003", userId: "u", endpoint: d.endpoint, p256dh: d.p256dh, auth: d.auth };
    };
    expect(await sendPush(target("/gone/1"), message, vapid())).toEqual({ outcome: "gone", status: 410 });
    expect(await sendPush(target("/missing/1"), message, vapid())).toEqual({ outcome: "gone", status: 404 });
    expect(await sendPush(target("/broken/1"), message, vapid())).toEqual({ outcome: "failed", status: 500 });
    expect(await sendPush(target("/hang/1"), message, vapid(), { timeoutMs: 300 })).toEqual({ outcome: "failed", status: null });
    // Keys that are not a P-256 point can never be encrypted for.
    expect(await sendPush({ ...target("/ok/bad-keys"), p256dh: "B".repeat(87) }, message, vapid())).toEqual({ outcome: "gone", status: null });
  });

  it("never posts to this machine or a private network, whatever a subscription row says", async () => {
    allowLocalPushEndpointsForTests(false);
    try {
      const d = device("/ok/internal");
      const target = { id: "00000000-0000-4000-8000-000000000004", userId: "u", endpoint: d.endpoint, p256dh: d.p256dh, auth: d.auth };
      expect(await sendPush(target, message, vapid())).toEqual({ outcome: "failed", status: null });
      expect(await sendPush({ ...target, endpoint: "https://10.0.0.5/push/1" }, message, vapid())).toEqual({ outcome: "failed", status: null });
      expect(service.received).toHaveLength(0);
    } finally {
      allowLocalPushEndpointsForTests(true);
    }
  });
});

describe("the device list after a push", () => {
  const t = withTestDatabase();

  async function subscribe(userId: string, path: string): Promise<PushTarget> {
    const d = device(path);
    const [row] = await t.database.runner.query<{ id: string }>(
      "insert into push_subscriptions (user_id, endpoint, p256dh, auth, device) values ($1, $2, $3, $4, $5) returning id",
      [userId, d.endpoint, d.p256dh, d.auth, path],
    );
    return { id: row!.id, userId, endpoint: d.endpoint, p256dh: d.p256dh, auth: d.auth };
  }
  const rows = () =>
    t.database.runner.query<{ device: string; failures: number; last_success_at: Date | null }>(
      "select device, failures, last_success_at from push_subscriptions order by device",
    );

  it("loses a device whose endpoint answers 410, counts a 500, and marks a success", async () => {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test" });
    const devices = [await subscribe(ada, "/ok/ada"), await subscribe(ada, "/gone/ada"), await subscribe(ada, "/broken/ada")];
    expect(await pushToDevices(devices, message)).toEqual({ sent: 1, removed: 1, failed: 1 });
    const after = await rows();
    expect(after.map((r) => [r.device, r.failures])).toEqual([["/broken/ada", 1], ["/ok/ada", 0]]);
    expect(after.find((r) => r.device === "/ok/ada")!.last_success_at).not.toBeNull();
    expect(after.find((r) => r.device === "/broken/ada")!.last_success_at).toBeNull();
  });

  it(`prunes a device after ${MAX_PUSH_FAILURES} failures in a row, and a success in between resets the count`, async () => {
    const ada = await createUser(t.database, { email: "ada@adas-salon.test" });
    const broken = await subscribe(ada, "/broken/phone");
    for (let i = 1; i < MAX_PUSH_FAILURES; i += 1) expect(await pushToDevices([broken], message)).toEqual({ sent: 0, removed: 0, failed: 1 });
    expect((await rows())[0]!.failures).toBe(MAX_PUSH_FAILURES - 1);
    // The same device row answering again (its endpoint now healthy) clears the count.
    await t.database.runner.query("update push_subscriptions set endpoint = $2 where id = $1", [broken.id, broken.endpoint.replace("/broken/", "/ok/")]);
    await pushToDevices([{ ...broken, endpoint: broken.endpoint.replace("/broken/", "/ok/") }], message);
    expect((await rows())[0]!.failures).toBe(0);
    for (let i = 1; i < MAX_PUSH_FAILURES; i += 1) await pushToDevices([broken], message);
    expect(await pushToDevices([broken], message)).toEqual({ sent: 0, removed: 1, failed: 1 });
    expect(await rows()).toEqual([]);
  });
});

describe("pushEndpointAllowed", () => {
  it("takes public https push services and refuses anything that reaches this machine or a private network", () => {
    expect(pushEndpointAllowed("https://fcm.googleapis.com/fcm/send/abc")).toBe(true);
    expect(pushEndpointAllowed("https://updates.push.services.mozilla.com/wpush/v2/abc")).toBe(true);
    expect(pushEndpointAllowed("https://web.push.apple.com/QOr3")).toBe(true);
    for (const endpoint of [
      "http://fcm.googleapis.com/fcm/send/abc",
      "https://localhost/x",
      "https://127.0.0.1/x",
      "https://10.0.0.5/x",
      "https://[::1]/x",
      "https://169.254.169.254/latest/meta-data",
      "https://printer.local/x",
      "https://intranet/x",
      "https://user:pw@push.example.com/x",
      "not a url",
    ]) {
      expect(pushEndpointAllowed(endpoint), endpoint).toBe(false);
    }
  });
});
