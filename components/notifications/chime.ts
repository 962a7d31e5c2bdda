/**
 * A short two-note chime made with WebAudio (no audio file to fetch or cache). Browsers keep audio muted until the
 * person has interacted with the page, so `unlockChime` runs on their first click or key press; before that the
 * chime is silently skipped and the toast alone shows the handoff.
 */
let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Constructor = window.AudioContext ?? (window as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Constructor) return null;
  context = new Constructor();
  return context;
}

export function unlockChime(): void {
  const ctx = audioContext();
  if (ctx?.state === "suspended") void ctx.resume().catch(() => undefined);
}

export function playChime(): void {
  const ctx = audioContext();
  if (!ctx || ctx.state !== "running") return;
  const start = ctx.currentTime + 0.01;
  [880, 1318.5].forEach((frequency, i) => {
    const at = start + i * 0.14;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.4);
  });
}
