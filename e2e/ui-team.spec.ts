import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { adasSalon, apiAs, createBusinessVia, person, signInUi } from "./support";

test("an owner invites a teammate by link; she joins as an agent and cannot reach team settings", async ({ browser, baseURL }) => {
  const adaPerson = person("Ada Lovelace");
  const ada = await apiAs(baseURL!, adaPerson);
  const salon = await createBusinessVia(ada, adasSalon);
  const carol = person("Carol Agent");

  const owner = await (await browser.newContext({ baseURL })).newPage();
  await signInUi(owner, adaPerson);
  await owner.goto(`/b/${salon}/settings/team`);
  const axe = await new AxeBuilder({ page: owner }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await owner.getByLabel("Role").selectOption("agent");
  await owner.getByRole("button", { name: "Create invitation link" }).click();
  const linkField = owner.locator("#invite-link");
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]+$/);
  const link = await linkField.inputValue();

  // Carol opens the link signed out, creates her account and comes back to accept.
  const teammate = await (await browser.newContext({ baseURL })).newPage();
  await teammate.goto(new URL(link).pathname);
  await expect(teammate.getByRole("heading", { name: "Join Ada's Salon on Frontdesk" })).toBeVisible();
  await expect(teammate.getByText("You're invited as an agent.", { exact: false })).toBeVisible();
  await teammate.getByRole("link", { name: /create an account|sign up/i }).first().click();
  await teammate.getByLabel("Full name").fill(carol.fullName);
  await teammate.getByLabel("Email").fill(carol.email);
  await teammate.getByLabel("Password", { exact: true }).fill(carol.password);
  await teammate.getByRole("button", { name: "Create account" }).click();
  await expect(teammate).toHaveURL(/\/invite\//);
  await expect(teammate.getByText("Ada's Salon").first()).toBeVisible();
  await teammate.getByRole("button", { name: /join|accept/i }).click();
  await expect(teammate).toHaveURL(new RegExp(`/b/${salon}`));

  for (const page of ["settings/team", "settings/outbox"]) {
    const response = await teammate.goto(`/b/${salon}/${page}`);
    expect(response?.status(), page).toBe(403);
    await expect(teammate.getByText("Only owners and admins can open this page")).toBeVisible();
  }

  // The owner sees her in the team as an agent.
  await owner.reload();
  await expect(owner.getByText(carol.email)).toBeVisible();
  // Reusing the link fails clearly.
  const stranger = await apiAs(baseURL!, person("Eve Stranger"));
  const reuse = await stranger.post(`/api/invitations/${new URL(link).pathname.split("/").pop()}/accept`);
  expect(reuse.status()).toBe(409);
});

test("an invitation sent to an address tells anyone else whom it is for, and offers another account instead of Join", async ({ browser, baseURL }) => {
  const ada = await apiAs(baseURL!, person("Ada Lovelace"));
  const salon = await createBusinessVia(ada, adasSalon);
  const carol = person("Carol Agent");
  const invite = await ada.post(`/api/businesses/${salon}/invitations`, { data: { role: "agent", email: carol.email } });
  expect(invite.status()).toBe(201);
  const { link } = (await invite.json()) as { link: string };

  const evePerson = person("Eve Forwarded");
  await apiAs(baseURL!, evePerson);
  const eve = await (await browser.newContext({ baseURL })).newPage();
  await signInUi(eve, evePerson);
  await eve.goto(new URL(link).pathname);
  await expect(eve.getByRole("heading", { name: `This invitation is for ${carol.email}` })).toBeVisible();
  await expect(eve.getByText(evePerson.email)).toBeVisible();
  await expect(eve.getByRole("button", { name: /^join/i })).toHaveCount(0);
  await expect(eve.getByRole("button", { name: `Sign in as ${carol.email}` })).toBeVisible();
});

test("the dashboard works on a phone: bottom navigation, no sidebar, no horizontal scroll", async ({ browser, baseURL }) => {
  const adaPerson = person("Ada Lovelace");
  const ada = await apiAs(baseURL!, adaPerson);
  const salon = await createBusinessVia(ada, adasSalon);
  const context = await browser.newContext({ baseURL, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInUi(page, adaPerson);
  await page.goto(`/b/${salon}/inbox`);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const navs = page.getByRole("navigation", { name: "Main" });
  await expect(navs.filter({ visible: true })).toHaveCount(1);
  const bottom = navs.filter({ visible: true });
  const box = await bottom.boundingBox();
  expect(box!.y + box!.height).toBeGreaterThan(700);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await bottom.getByRole("link", { name: "Leads" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Leads" })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("the dashboard is installable: manifest, icons and an offline page from the service worker", async ({ page, request }) => {
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ name: expect.stringContaining("Frontdesk"), display: "standalone", start_url: "/" });
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons as { src: string }[]) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()["content-type"]).toContain("image/png");
  }
  await page.goto("/sign-in");
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  // The worker controls the page (it claims its clients on activation), so the next navigation goes through it.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.context().setOffline(true);
  // No swallowed error: the worker answers the navigation itself. Only the page cached at install passes below; the
  // worker's plain-text fallback ("You are offline.", 503) has no heading, no retry button and no title.
  const offline = await page.goto("/b/00000000-0000-4000-8000-000000000000/inbox");
  expect(offline?.fromServiceWorker()).toBe(true);
  expect(offline?.status()).toBe(200);
  await expect(page).toHaveTitle(/You're offline/);
  await expect(page.getByRole("heading", { level: 1, name: "You're offline" })).toBeVisible();
  await expect(page.getByText("Frontdesk needs a connection to load this page.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await page.context().setOffline(false);
});
