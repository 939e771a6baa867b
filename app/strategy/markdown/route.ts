// GET /strategy/markdown?lang=zh|en — the recovery strategy as a Markdown download (signed-in readers).
import { z } from "zod";
import { refusal } from "@/lib/domain/refusal";
import { route } from "@/lib/http/boundary";
import { strategy, strategyMarkdown } from "@/lib/views/strategy";

export const dynamic = "force-dynamic";

// zh and en as the lesson names them; without lang, the reader's language.
const querySchema = z.object({ lang: z.enum(["zh", "en"]).optional() });

export const GET = route(
  { permission: "read", target: () => "/strategy/markdown", params: z.object({}), body: z.unknown() },
  async ({ request, locale }) => {
    const query = querySchema.safeParse({ lang: new URL(request.url).searchParams.get("lang") ?? undefined });
    if (!query.success) return refusal("invalid", "contract.strategyLang");
    const chosen = query.data.lang === undefined ? await locale() : query.data.lang === "zh" ? "zh-CN" : "en";
    const body = strategyMarkdown(await strategy(), chosen);
    return new Response(body, {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="week06_recovery_strategy${chosen === "en" ? "_en" : ""}.md"`,
      },
    });
  },
);
