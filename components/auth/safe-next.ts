// The one return-path check lives in lib/auth/safe-next (a plain module, no server imports), which the hosted callback
// and Google sign-in use too; the auth forms and pages import it from here.
export { safeNextPath, withNext } from "@/lib/auth/safe-next";
