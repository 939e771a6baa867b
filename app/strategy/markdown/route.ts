// GET /strategy/markdown?lang=zh|en — the recovery strategy as a Markdown download (signed-in readers).
import { NextResponse } from "next/server";
import { z } from "zod";
import { authorizeRequest } from "@/lib/auth/api";
import { strategy, strategyMarkdown } from "@/lib/queries/strategy";

export const dynamic = "force-dynamic";

const querySchema = z.object({ lang: z.enum(["zh", "en"]).default("zh") });

export async function GET(request: Request) {
  const auth = await authorizeRequest(request, "read", "/strategy/markdown");
  if (!auth.ok) return NextResponse.json({ error: auth.message }, { status: 401 });
  const query = querySchema.safeParse({ lang: new URL(request.url).searchParams.get("lang") ?? undefined });
  if (!query.success) return NextResponse.json({ error: "lang must be zh or en" }, { status: 400 });
  const body = strategyMarkdown(await strategy(), query.data.lang);
  return new NextResponse(body, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="week06_recovery_strategy${query.data.lang === "en" ? "_en" : ""}.md"`,
    },
  });
}
