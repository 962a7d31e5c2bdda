import { describe, expect, it } from "vitest";
import type { WidgetBusiness } from "./business";
import { frameConfig, frameContentSecurityPolicy, frameHtml } from "./frame";
import { embeddingAllowed, fromChatFrame } from "./origin";

const widget = {
  business: { id: "b", name: "Lumen </script><script>alert(1)</script>", widgetKey: `pk_${"b".repeat(32)}`, timeZone: "UTC", openingHours: {} },
  settings: {
    color: "#112233",
    position: "left",
    greeting: "Hi",
    launcherLabel: "Chat",
    avatarUrl: "https://cdn.example.test/a.png",
    allowedOrigins: ["https://lumen.example", "http://localhost:8080"],
    privacyNotice: "  We keep chats for 30 days.  ",
  },
} as unknown as WidgetBusiness;

describe("the chat frame", () => {
  it("lets only the allowed sites frame it and loads nothing from elsewhere but the avatar", () => {
    const csp = frameContentSecurityPolicy(widget);
    expect(csp).toContain("frame-ancestors 'self' https://lumen.example http://localhost:8080");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data: https://cdn.example.test");
    expect(csp).toContain("connect-src 'self'");
  });

  it("may be framed anywhere when the business allows any site", () => {
    const open = { ...widget, settings: { ...widget.settings, allowedOrigins: [], avatarUrl: null } } as unknown as WidgetBusiness;
    expect(frameContentSecurityPolicy(open)).toContain("frame-ancestors *");
    expect(frameContentSecurityPolicy(open)).toContain("img-src 'self' data:;");
  });

  it("embeds its config so that a business name cannot break out of the script element", () => {
    const html = frameHtml(frameConfig(widget), "v1");
    expect(html).not.toContain("</script><script>alert(1)");
    const json = /<script type="application\/json" id="frontdesk-config">(.*?)<\/script>/s.exec(html)?.[1];
    const config = JSON.parse(json!);
    expect(config).toMatchObject({ businessName: "Lumen </script><script>alert(1)</script>", privacyNotice: "We keep chats for 30 days.", linkHosts: ["lumen.example", "localhost:8080"] });
    expect(html).toContain('<title>Chat with Lumen &#60;/script&#62;');
  });
});

describe("embedding origins", () => {
  it("allows any site on an empty list, else exactly the listed origins", () => {
    expect(embeddingAllowed([], "https://anything.test")).toBe(true);
    expect(embeddingAllowed(["https://lumen.example"], "https://lumen.example")).toBe(true);
    expect(embeddingAllowed(["https://lumen.example"], "https://evil.example")).toBe(false);
    expect(embeddingAllowed(["https://lumen.example"], "https://lumen.example.evil.test")).toBe(false);
    expect(embeddingAllowed(["https://lumen.example"], null)).toBe(false);
  });

  it("accepts API calls from the app's own origin or without an Origin header only", () => {
    const call = (origin?: string) =>
      new Request("http://localhost:3000/api/widget/messages", { method: "POST", headers: { host: "localhost:3000", ...(origin ? { origin } : {}) } });
    expect(fromChatFrame(call())).toBe(true);
    expect(fromChatFrame(call("http://localhost:3000"))).toBe(true);
    expect(fromChatFrame(call("https://evil.example"))).toBe(false);
  });
});
