import { expect, test, type Browser, type FrameLocator, type Page } from "@playwright/test";
import { E2E_PORT } from "../playwright.config";
import { adasSalon, apiAs, createBusinessVia, expectAccessible, hostSite, joinAs, person, signInUi, widgetKeyOf, type Person } from "./support";

const APP = `http://localhost:${E2E_PORT}`;

async function staffAt(browser: Browser, who: Person, path: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: APP })).newPage();
  await signInUi(page, who);
  await page.goto(path);
  // The dashboard's live connection is open before anything happens that it should hear about.
  await expect(page.locator('[data-realtime="live"]')).toBeAttached({ timeout: 15_000 });
  return page;
}

async function openChat(page: Page): Promise<FrameLocator> {
  await page.getByRole("button", { name: /chat/i }).click();
  const chat = page.frameLocator('iframe[title^="Chat with"]');
  await expect(chat.getByRole("textbox", { name: "Your message" })).toBeVisible();
  return chat;
}

test("a customer asks for a person: the owner gets a toast, takes over and replies into the widget; a teammate sees it taken", async ({ browser }) => {
  const adaPerson = person("Ada Lovelace");
  const ada = await apiAs(APP, adaPerson);
  const salon = await createBusinessVia(ada, adasSalon);
  const carolPerson = person("Carol Agent");
  await joinAs(APP, ada, salon, carolPerson, "agent");
  const site = await hostSite(await widgetKeyOf(ada, salon), APP, "Ada's Salon");

  try {
    const owner = await staffAt(browser, adaPerson, `/b/${salon}/inbox`);
    const teammate = await staffAt(browser, carolPerson, `/b/${salon}/inbox`);

    // The customer, on the salon's own website, asks for a person.
    const customer = await (await browser.newContext()).newPage();
    await customer.goto(site.url);
    const chat = await openChat(customer);
    const box = chat.getByRole("textbox", { name: "Your message" });
    await box.fill("I want to talk to a person please");
    await chat.getByRole("button", { name: "Send" }).click();
    await expect(chat.getByRole("log")).toContainText("I want to talk to a person please");
    await expect(chat.getByRole("log")).toContainText(/team/i, { timeout: 20_000 });

    // The owner's dashboard shows a toast at once; its Open action leads to the conversation.
    const toast = owner.getByTestId("handoff-toast");
    await expect(toast).toContainText("needs a person");
    await toast.getByRole("button", { name: "Open" }).click();
    await expect(owner).toHaveURL(new RegExp(`/b/${salon}/inbox/[0-9a-f-]{36}`));
    await expect(owner.getByRole("article", { name: /wrote/ }).first()).toContainText("I want to talk to a person please");
    await expectAccessible(owner);

    // Carol's list shows the waiting conversation live, without a reload.
    await expect(teammate.getByRole("link", { name: /website visitor/i }).first()).toBeVisible();

    await owner.getByRole("button", { name: "Take over" }).click();
    await expect(owner.locator("header").getByText("Assigned to you")).toBeVisible();
    const reply = owner.getByRole("textbox", { name: /^Reply to/ });
    await reply.fill("Hi, this is Ada. How can I help?");
    await reply.press("Enter");
    await expect(owner.getByRole("article", { name: "You replied" })).toContainText("Hi, this is Ada. How can I help?");

    // The reply reaches the customer's open chat without a reload.
    await expect(chat.getByRole("log")).toContainText("Hi, this is Ada. How can I help?");

    // Carol opens the same conversation: it is Ada's, and there is nothing for her to take over.
    await teammate.goto(owner.url().replace(APP, ""));
    await expect(teammate.locator("header").getByText("Assigned to Ada Lovelace")).toBeVisible();
    await expect(teammate.getByText("Ada Lovelace is handling this.")).toBeVisible();
    await expect(teammate.getByRole("button", { name: "Take over" })).toHaveCount(0);
  } finally {
    await site.close();
  }
});

test("the inbox works on a phone: list, conversation and back, with no sideways scrolling", async ({ browser }) => {
  const adaPerson = person("Ada Lovelace");
  const ada = await apiAs(APP, adaPerson);
  const salon = await createBusinessVia(ada, adasSalon);
  const key = await widgetKeyOf(ada, salon);
  const visitor = await (await browser.newContext({ baseURL: APP, extraHTTPHeaders: { origin: APP } })).request;
  const { token } = await (await visitor.post("/api/widget/session", { data: { key } })).json();
  expect((await visitor.post("/api/widget/handoff", { headers: { authorization: `Bearer ${token}` }, data: {} })).status()).toBe(200);

  const phone = await (await browser.newContext({ baseURL: APP, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })).newPage();
  await signInUi(phone, adaPerson);
  await phone.goto(`/b/${salon}/inbox`);
  const row = phone.getByRole("link", { name: /website visitor/i }).first();
  await expect(row).toBeVisible();
  const noSidewaysScroll = () => phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await noSidewaysScroll()).toBe(true);
  await expectAccessible(phone);

  await row.click();
  await expect(phone.getByRole("button", { name: "Take over" })).toBeVisible();
  expect(await noSidewaysScroll()).toBe(true);
  await expectAccessible(phone);
  await phone.getByRole("link", { name: "Back to the inbox" }).click();
  await expect(phone.getByRole("link", { name: /website visitor/i }).first()).toBeVisible();
});
