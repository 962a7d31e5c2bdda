// The chat's own styles, injected by the bundle (no extra request). Colours meet WCAG AA in both schemes; the
// business colour is only used with the text colour computed for it.
export const chatStyles = `
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#fff}
#app{display:flex;flex-direction:column;height:100%}
header{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--brand);color:var(--on-brand)}
header img,.avatar{width:36px;height:36px;border-radius:50%;flex:none;object-fit:cover}
.avatar{display:grid;place-items:center;font-weight:700;background:rgba(255,255,255,.25)}
.who{flex:1;min-width:0}.who h1{font-size:16px;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.who p{margin:0;font-size:13px}
button{font:inherit;cursor:pointer}
button:focus-visible,textarea:focus-visible,input:focus-visible,.log:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.icon{background:none;border:0;color:inherit;font-size:26px;line-height:1;width:44px;height:44px;border-radius:8px}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px}
.msg{max-width:85%;padding:8px 12px;border-radius:14px;background:#f3f4f6;align-self:flex-start;overflow-wrap:anywhere}
.msg.customer{align-self:flex-end;background:var(--brand);color:var(--on-brand)}
.msg.agent{background:#e0e7ff}
.msg.system{align-self:center;background:none;color:#374151;font-size:13px;text-align:center}
.msg p{margin:0 0 6px}.msg p:last-child{margin:0}.msg ul,.msg ol{margin:4px 0;padding-left:20px}
.msg a{color:inherit;text-decoration:underline}.msg code{background:rgba(0,0,0,.06);padding:0 3px;border-radius:4px}
.cite{font-size:11px;color:#4b5563}
.sources-label{font-size:12px;font-weight:600;margin:6px 0 2px;color:#374151}
.sources{list-style:none;padding:0;margin:0;font-size:12px;color:#374151}
.typing{padding:0 16px 8px;display:flex;gap:4px}.typing[hidden]{display:none}
.typing i{width:7px;height:7px;border-radius:50%;background:#6b7280;animation:b 1s infinite}
.typing i:nth-child(3){animation-delay:.15s}.typing i:nth-child(4){animation-delay:.3s}
@keyframes b{0%,80%,100%{opacity:.3}40%{opacity:1}}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{border-top:1px solid #e5e7eb;padding:10px 12px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:8px}.chips:empty{display:none}
.chips button{border:1px solid #9ca3af;background:#fff;color:#111827;border-radius:999px;padding:6px 12px;min-height:36px}
.consent p{margin:0 0 8px;font-size:13px;color:#374151;white-space:pre-line}
.consent[hidden],.email[hidden],.link[hidden]{display:none}
.primary,.send,.email button{background:var(--brand);color:var(--on-brand);border:0;border-radius:10px;padding:0 16px;min-height:44px}
.composer{display:flex;gap:8px}
textarea{flex:1;resize:none;font:inherit;padding:10px;border:1px solid #9ca3af;border-radius:10px;min-height:44px;max-height:120px;color:inherit;background:inherit}
.send:disabled{opacity:.6;cursor:default}
.meta{display:flex;justify-content:space-between;align-items:center;margin-top:6px;font-size:13px;color:#374151}
.link{background:none;border:0;color:#1d4ed8;text-decoration:underline;padding:8px 0;min-height:36px}
.email{margin-top:8px;font-size:13px}.email .row{display:flex;gap:6px;margin-top:4px}
.email input{flex:1;font:inherit;padding:8px;border:1px solid #9ca3af;border-radius:8px;min-height:40px;color:inherit;background:inherit}
@media (prefers-color-scheme:dark){
body{background:#111827;color:#f9fafb}.msg{background:#1f2937}.msg.agent{background:#312e81}
.msg.system,.cite,.sources,.sources-label,.consent p,.meta{color:#d1d5db}
footer{border-color:#374151}.chips button{background:#1f2937;color:#f9fafb}.link{color:#93c5fd}.typing i{background:#9ca3af}
}
@media (prefers-reduced-motion:reduce){.typing i{animation:none}}
`;
