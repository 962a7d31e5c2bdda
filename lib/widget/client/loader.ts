// The snippet a business pastes into its site: <script src="https://<host>/widget.js" data-key="pk_…" async>.
// Tiny on purpose: it draws the launcher and does nothing heavy until the visitor shows interest (hover, focus, touch
// or an idle moment); then it creates the iframe that runs the chat, which is its own bundle on the app's origin.
import { readableTextColour } from "./colour";
import { loaderAction } from "./loader-messages";

type LauncherConfig = { businessName: string; color: string; position: "right" | "left"; launcherLabel: string };

declare global {
  interface Window {
    FrontdeskWidget?: { open(): void; close(): void };
  }
}

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const key = script?.dataset.key;
  if (!script || !key || window.FrontdeskWidget) return;
  const host = new URL(script.src).origin;

  fetch(`${host}/api/widget/config?key=${encodeURIComponent(key)}`)
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((config: LauncherConfig) => mount(config))
    .catch((reason) => console.warn(`Frontdesk chat is not shown on this page (${reason === 403 ? "this website is not allowed" : reason})`));

  function mount(config: LauncherConfig) {
    const holder = document.createElement("div");
    const root = holder.attachShadow({ mode: "open" });
    const side = config.position === "left" ? "left" : "right";
    const ink = readableTextColour(config.color);
    root.innerHTML = `<style>
button{position:fixed;bottom:20px;${side}:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;background:${config.color};color:${ink};box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000;display:grid;place-items:center;transition:transform .15s}
button:hover{transform:scale(1.05)}button:focus-visible{outline:3px solid ${config.color};outline-offset:3px}
iframe{position:fixed;bottom:88px;${side}:20px;width:380px;height:600px;max-height:calc(100vh - 108px);border:0;border-radius:16px;box-shadow:0 8px 32px rgba(0,0,0,.25);z-index:2147483000;background:#fff;display:none}
iframe.open{display:block}
@media (max-width:480px){iframe{inset:0;width:100%;height:100%;max-height:none;border-radius:0}}
@media (prefers-reduced-motion:reduce){button{transition:none}}
</style><button type="button" aria-expanded="false"><svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg></button>`;
    const button = root.querySelector("button")!;
    button.setAttribute("aria-label", config.launcherLabel);
    document.body.appendChild(holder);

    // The visitor's token is also kept on this site: browsers that block storage in third-party frames would
    // otherwise forget a returning visitor. It only names this visitor's chat with this business.
    const tokenKey = `frontdesk:${key}`;
    const savedToken = (() => {
      try {
        return localStorage.getItem(tokenKey);
      } catch {
        return null;
      }
    })();
    let frame: HTMLIFrameElement | null = null;
    const prepare = () => {
      if (frame) return frame;
      frame = document.createElement("iframe");
      frame.title = `Chat with ${config.businessName}`;
      // The chat confirms which page embeds it from the frame load's referrer: send this page's origin even where the
      // site's own policy sends none (never its path).
      frame.referrerPolicy = "origin";
      // The fragment never reaches a server or its logs.
      frame.src = `${host}/widget/frame?key=${encodeURIComponent(key!)}&origin=${encodeURIComponent(location.origin)}${savedToken ? `#t=${encodeURIComponent(savedToken)}` : ""}`;
      root.appendChild(frame);
      return frame;
    };
    const open = () => {
      const f = prepare();
      f.classList.add("open");
      button.setAttribute("aria-expanded", "true");
      f.contentWindow?.postMessage({ type: "frontdesk:opened" }, host);
      f.focus();
    };
    const close = () => {
      frame?.classList.remove("open");
      button.setAttribute("aria-expanded", "false");
      button.focus();
    };
    button.addEventListener("click", () => (frame?.classList.contains("open") ? close() : open()));
    for (const event of ["pointerenter", "focus", "touchstart"]) button.addEventListener(event, prepare, { once: true, passive: true });
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 4000));
    idle(() => prepare());
    window.addEventListener("message", (event) => {
      const action = loaderAction(event, { host, frame: frame?.contentWindow });
      if (action?.kind === "close") close();
      if (action?.kind === "token") {
        try {
          localStorage.setItem(tokenKey, action.token);
        } catch {
          // Storage blocked here too: the visitor starts afresh next time.
        }
      }
    });
    window.FrontdeskWidget = { open, close };
  }
})();
