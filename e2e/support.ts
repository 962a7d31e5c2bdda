import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";

export type Person = { fullName: string; email: string; password: string; ip: string };

let counter = 0;
/** A new person for this run (unique email), with their own client address as a real visitor has. */
export function person(fullName: string): Person {
  counter += 1;
  const slug = fullName.toLowerCase().replace(/[^a-z]+/g, "-");
  const unique = `${Date.now().toString(36)}${counter}`;
  return { fullName, email: `${slug}-${unique}@example.test`, password: `Frontdesk-${unique}-Pw!`, ip: `10.77.${counter % 250}.${(Date.now() % 250) + 1}` };
}

export const adasSalon = {
  name: "Ada's Salon",
  vertical: "salon",
  timeZone: "Europe/Lisbon",
  currency: "EUR",
  openingHours: { tue: [{ open: "09:00", close: "13:00" }, { open: "14:00", close: "19:00" }], sat: [{ open: "09:00", close: "16:00" }] },
};
export const bobsBikes = { name: "Bob's Bikes", vertical: "retail", timeZone: "America/Chicago", currency: "USD", openingHours: {} };

/** An API client signed up (and so signed in) as `who`. */
export async function apiAs(baseURL: string, who: Person): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": who.ip } });
  const res = await api.post("/api/auth/sign-up", { data: { email: who.email, password: who.password, fullName: who.fullName } });
  expect(res.status(), await res.text()).toBe(201);
  return api;
}

export async function createBusinessVia(api: APIRequestContext, business: object): Promise<string> {
  const res = await api.post("/api/businesses", { data: business });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).business.id as string;
}

/** Signs `who` in through the UI's sign-in form and, unless a failure is expected, waits to leave the form. */
export async function signInUi(page: Page, who: Pick<Person, "email" | "password">, options: { expectFailure?: boolean } = {}) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  if (!options.expectFailure) await expect(page).not.toHaveURL(/\/sign-in/);
}

/** axe must find no serious or critical issue on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** `who` signs up and joins the business through an invitation from `owner`, with `role`. */
export async function joinAs(baseURL: string, owner: APIRequestContext, businessId: string, who: Person, role: "agent" | "admin"): Promise<APIRequestContext> {
  const invite = await owner.post(`/api/businesses/${businessId}/invitations`, { data: { role } });
  expect(invite.status(), await invite.text()).toBe(201);
  const token = ((await invite.json()) as { link: string }).link.split("/invite/")[1]!;
  const api = await apiAs(baseURL, who);
  const accepted = await api.post(`/api/invitations/${token}/accept`);
  expect(accepted.status(), await accepted.text()).toBe(200);
  return api;
}

/** The business's public widget key, read by its owner. */
export async function widgetKeyOf(owner: APIRequestContext, businessId: string): Promise<string> {
  return ((await (await owner.get(`/api/businesses/${businessId}/widget-settings`)).json()) as { widgetKey: string }).widgetKey;
}

/**
 * A customer's website on another origin (another port), embedding the widget from `app` with the one-line snippet.
 */
export async function hostSite(key: string, app: string, title = "Lumen Hair Studio"): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="en"><head><title>${title}</title></head>
<body><h1>${title}</h1><p>Welcome to our website.</p>
<script src="${app}/widget.js" data-key="${key}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
