import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";

/**
 * A day, typed as the product writes every day: YYYY-MM-DD (a partition key), with its hint in the reader's
 * language. Not <input type="date">: Chromium draws that in the browser's own language and order (mm/dd/yyyy in an
 * English browser) whatever the page's `lang` says, so a Chinese page showed an American date field. The server
 * checks the day and its range, as it always did.
 */
export function DateField(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "min" | "max">) {
  const t = useTranslations("dateField");
  return (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      pattern="\d{4}-\d{2}-\d{2}"
      maxLength={10}
      size={10}
      autoComplete="off"
      spellCheck={false}
      placeholder={t("placeholder")}
      title={t("hint")}
    />
  );
}
