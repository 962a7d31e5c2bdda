import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { adasSalon, apiAs, bobsBikes, createBusinessVia, expectAccessible, person, signInUi } from "./support";

test.describe("accounts and businesses in the browser", () => {
  test("a new owner signs up, creates a business and lands in the dashboard", async ({ page }) => {
    const ada = person("Ada Lovelace");
    await page.goto("/sign-up");
    await expectAccessible(page);
    await page.getByLabel("Full name").fill(ada.fullName);
    await page.getByLabel("Email").fill(ada.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(/at least 10 characters/i).first()).toBeVisible();
    await page.getByLabel("Password", { exact: true }).fill(ada.password);
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page).toHaveURL(/\/onboarding/);
    await expectAccessible(page);
    await page.getByLabel("Business name").fill("Ada's Salon");
    await page.getByRole("radio", { name: /^Salon/ }).check({ force: true });
    await page.getByRole("button", { name: "Create business" }).click();

    await expect(page).toHaveURL(/\/b\/[0-9a-f-]{36}\/inbox/);
    await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeVisible();
    await expectAccessible(page);

    // The section pages are honest about what is not built yet: no numbers, no sample rows.
    for (const section of ["Leads", "Bookings", "Knowledge", "Inventory", "Analytics"]) {
      await page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: section }).click();
      await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
    }
    await expectAccessible(page);

    // Signing out ends the session; signing back in returns to the business.
    await page.context().clearCookies();
    await page.goto(page.url());
    await expect(page).toHaveURL(/\/sign-in/);
    await signInUi(page, ada);
    await expect(page).toHaveURL(/\/b\/[0-9a-f-]{36}\//);
  });

  test("Ada gets a 404 for Bob's pages, in the browser as through the API", async ({ page, baseURL }) => {
    const adaPerson = person("Ada Lovelace");
    const ada = await apiAs(baseURL!, adaPerson);
    await createBusinessVia(ada, adasSalon);
    const bob = await apiAs(baseURL!, person("Bob Builder"));
    const bikes = await createBusinessVia(bob, bobsBikes);

    await signInUi(page, adaPerson);
    await expect(page).toHaveURL(/\/b\//);
    for (const path of [`/b/${bikes}/inbox`, `/b/${bikes}/settings`, `/b/${bikes}/settings/team`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByText("We couldn't find that page")).toBeVisible();
      await expect(page.getByText("Bob's Bikes")).toHaveCount(0);
    }
  });

  test("a forgotten password is reset through the local mailbox", async ({ page, baseURL }) => {
    const ada = person("Ada Lovelace");
    await apiAs(baseURL!, ada);
    await page.goto("/forgot-password");
    await expectAccessible(page);
    await page.getByLabel("Email").fill(ada.email);
    await page.getByRole("button", { name: /send|reset/i }).click();
    await expect(page.getByText(/check|sent|on its way/i).first()).toBeVisible();
    await expect(page.getByText(/mailbox link printed in the\s+terminal/)).toBeVisible();

    // Signed out, the mailbox shows no one's mail: only a word on where the operator's link is.
    await page.goto("/mailbox");
    await expect(page.getByRole("heading", { name: "Open the mailbox link from the terminal" })).toBeVisible();
    await expect(page.getByText("Reset your Frontdesk password")).toHaveCount(0);

    // The operator's link, as the startup banner prints it: the key is generated into the server's DATA_DIR.
    const key = readFileSync(path.resolve(".test-data/e2e/mailbox-key"), "utf8").trim();
    await page.goto(`/mailbox#key=${key}`);
    await expect(page).toHaveURL(/\/mailbox$/);
    await page.getByText("Reset your Frontdesk password").first().click();
    const link = page.getByRole("link", { name: /reset-password\?token=/ }).first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/\/reset-password\?token=/);
    const newPassword = `${ada.password}-new`;
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Save new password" }).click();
    await expect(page).toHaveURL(/\/onboarding|\/b\//);

    await page.context().clearCookies();
    await signInUi(page, { email: ada.email, password: ada.password }, { expectFailure: true });
    await expect(page.getByText(/incorrect/i)).toBeVisible();
    await signInUi(page, { email: ada.email, password: newPassword });
    await expect(page).toHaveURL(/\/onboarding|\/b\//);
  });

  test("the session survives closing the browser (persistent cookies)", async ({ browser, baseURL }) => {
    const ada = person("Ada Lovelace");
    const api = await apiAs(baseURL!, ada);
    const salon = await createBusinessVia(api, adasSalon);
    const first = await browser.newContext({ baseURL });
    const page = await first.newPage();
    await signInUi(page, ada);
    await expect(page).toHaveURL(/\/b\//);
    const state = await first.storageState();
    await first.close();
    const second = await browser.newContext({ baseURL, storageState: state });
    const again = await second.newPage();
    await again.goto(`/b/${salon}/inbox`);
    await expect(again.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
    await second.close();
  });
});

test("an owner of two businesses switches between them from the header", async ({ page, baseURL }) => {
  const ada = person("Ada Lovelace");
  const api = await apiAs(baseURL!, ada);
  const salon = await createBusinessVia(api, adasSalon);
  const studio = await createBusinessVia(api, { ...adasSalon, name: "Ada's Studio", vertical: "fitness" });
  await signInUi(page, ada);
  await page.goto(`/b/${salon}/inbox`);
  await page.getByRole("button", { name: /switch business/ }).click();
  await page.getByRole("link", { name: /Ada's Studio/ }).click();
  await expect(page).toHaveURL(new RegExp(`/b/${studio}/inbox`));
  await expect(page.getByRole("button", { name: /Ada's Studio.*switch business/ })).toBeVisible();
});
