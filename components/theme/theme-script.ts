/** Storage key for the theme preference ("light" | "dark"; absent means follow the system). */
export const THEME_STORAGE_KEY = "frontdesk-theme";

/**
 * Runs before first paint (inlined in <head>) so a saved dark preference never flashes light.
 * Keep it tiny and dependency-free; use-theme.ts applies the same rule after hydration.
 */
export const themeScript = `(function(){try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);var r=document.documentElement;r.classList.toggle("dark",d);r.classList.toggle("light",!d);r.style.colorScheme=d?"dark":"light"}catch(e){}})()`;
