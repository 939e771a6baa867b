// next-intl checks every `t("…")` key against the English catalog (the zh-CN one has the same keys: lib/i18n/catalogs.test.ts).
import type en from "@/lib/i18n/messages/en.json";
import type { Locale } from "@/lib/i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
