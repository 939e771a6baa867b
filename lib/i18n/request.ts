// next-intl's per-request configuration (next.config.mjs points here): the reader's language — their stored
// choice, else Accept-Language, else PARTITION_DESK_LOCALE — and its catalog. URLs never carry the language.
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { chooseLocale } from "@/lib/i18n/locales";
import { CATALOGS } from "@/lib/i18n/text";

export default getRequestConfig(async () => {
  const [user, h] = await Promise.all([currentUser(), headers()]);
  const locale = chooseLocale({
    stored: user?.locale,
    acceptLanguage: h.get("accept-language"),
    fallback: config().defaultLocale,
  });
  return { locale, messages: CATALOGS[locale], timeZone: "UTC" };
});
