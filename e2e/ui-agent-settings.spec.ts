import { expect, test } from "@playwright/test";
import { adasSalon, apiAs, createBusinessVia, expectAccessible, person, signInUi } from "./support";

test.describe("Settings → Widget and Settings → AI in the browser", () => {
  test("an owner styles the widget, limits it to their site, replaces the key and tunes the assistant", async ({ page, baseURL }) => {
    const ada = person("Ada Lovelace");
    const api = await apiAs(baseURL!, ada);
    const salon = await createBusinessVia(api, adasSalon);
    await signInUi(page, ada);

    await page.goto(`/b/${salon}/settings/widget`);
    const snippet = page.getByLabel("Embed snippet");
    await expect(snippet).toContainText(/<script src="http:\/\/localhost:\d+\/widget\.js" data-key="pk_[0-9a-f]{32}" async><\/script>/);
    const firstSnippet = await snippet.textContent();
    await expectAccessible(page);

    // A website address with a path is refused, named, and nothing is saved.
    await page.getByLabel("Hex colour").fill("#0f766e");
    await page.getByLabel("Greeting").fill("Hello! Ask me about cuts, colour and prices.");
    await page.getByLabel("Allowed websites").fill("https://ada-salon.example/contact");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("form").getByRole("alert").first()).toContainText('Please correct: "https://ada-salon.example/contact" is not a website origin');
    await expect(page.locator("#widget-origins-hint + p")).toHaveText(/"https:\/\/ada-salon\.example\/contact" is not a website origin/);
    expect(((await (await api.get(`/api/businesses/${salon}/widget-settings`)).json()) as { color: string }).color).not.toBe("#0f766e");

    await page.getByLabel("Allowed websites").fill("https://ada-salon.example\nhttps://www.ada-salon.example/");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Widget settings saved")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Hex colour")).toHaveValue("#0f766e");
    await expect(page.getByLabel("Allowed websites")).toHaveValue("https://ada-salon.example\nhttps://www.ada-salon.example");
    await expect(page.getByText("Only these websites can show the chat.")).toBeVisible();

    // Replacing the key asks first, then shows the new snippet.
    await page.getByRole("button", { name: "Replace key" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Replace key" }).click();
    await expect(page.getByText("New widget key created")).toBeVisible();
    await expect(snippet).not.toHaveText(firstSnippet!);
    await expect(snippet).toContainText(/data-key="pk_[0-9a-f]{32}"/);

    await page.goto(`/b/${salon}/settings/ai`);
    await expect(page.getByLabel("Main model")).toHaveValue("");
    await expect(page.getByRole("progressbar", { name: "Tokens used today" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Daily token budget").fill("500");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("form").getByRole("alert").first()).toContainText("Please correct: at least 1,000 tokens");
    await page.getByLabel("Daily token budget").fill("250000");
    await page.getByLabel("Tone and extra guidance").fill("Friendly and concise, use first names.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("AI settings saved")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Daily token budget")).toHaveValue("250000");
    await expect(page.getByLabel("Tone and extra guidance")).toHaveValue("Friendly and concise, use first names.");
  });

  test("on a phone the widget and AI settings fit the screen", async ({ browser, baseURL }) => {
    const ada = person("Ada Lovelace");
    const api = await apiAs(baseURL!, ada);
    const salon = await createBusinessVia(api, adasSalon);
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await signInUi(page, ada);
      await page.goto(`/b/${salon}/settings/widget`);
      await expect(page.getByLabel("Embed snippet")).toBeVisible();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectAccessible(page);
      await page.goto(`/b/${salon}/settings/ai`);
      await expect(page.getByLabel("Main model")).toBeVisible();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });
});
