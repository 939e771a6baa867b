import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { config } from "@/lib/config";

/** `/partitions/<key>` for a key that names no partition (malformed, impossible or outside the definition): a 404. */
export default async function PartitionNotFound() {
  const t = await getTranslations("partitionPage");
  const { start, end } = config().partitions;
  return (
    <section>
      <h1>{t("notFound")}</h1>
      <p role="alert">{t("notFoundBody", { start, end })}</p>
      <Link href="/">{t("backToCalendar")}</Link>
    </section>
  );
}
