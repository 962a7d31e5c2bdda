/** Shared by the local mailbox's route and its page (no server-only imports here). */

/** The request header that carries the operator key; the page reads the key from the URL fragment (`#key=…`). */
export const MAILBOX_KEY_HEADER = "x-mailbox-key";
