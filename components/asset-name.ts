import { useTranslations } from "next-intl";
import { assetLabel, assetNameKey } from "@/lib/domain/assets";

/**
 * `assetName` for client components: the name from the page's messages (the `assetName` namespace, shipped because
 * this hook reads it) — `assetName` itself renders from the whole catalog, which would put both catalogs in the
 * browser's JavaScript. `fallback` names an asset the domain does not know (a generated one).
 */
export function useAssetName(): (key: string, fallback?: string) => string {
  const t = useTranslations("assetName");
  return (key, fallback) => {
    const named = assetNameKey(key);
    return named ? t(named) : (fallback ?? assetLabel(key));
  };
}
