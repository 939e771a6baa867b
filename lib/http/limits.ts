/** The largest request body any form post or API request takes (next.config.mjs says the same to Next.js: 16kb). */
export const MAX_BODY_BYTES = 16 * 1024;
