// Why a request is refused, as a stable code beside the human message: one table maps each to its HTTP status
// (lib/http/boundary.ts), so no route compares message strings, and scripts read `code`, never prose. The message
// is a catalog message (`text`), rendered in each reader's language; `message` is its English for logs and the audit.
import { told, type MessageKey, type Text, type TextValue } from "@/lib/i18n/text";

export const REFUSAL_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  cross_origin: 403,
  not_found: 404,
  conflict: 409,
  drifted: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
} as const;

export type RefusalCode = keyof typeof REFUSAL_STATUS;

export interface Refused {
  ok: false;
  code: RefusalCode;
  message: string;
  text: Text;
}

export function refusal(code: RefusalCode, key: MessageKey | Text, values?: Record<string, TextValue>): Refused {
  return { ok: false, code, ...told(key, values) };
}
