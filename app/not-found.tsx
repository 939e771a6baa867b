import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Any unknown page, run, plan or backfill: said in the reader's language (Next.js would answer in English). */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <Link href="/">{t("home")}</Link>
    </section>
  );
}
