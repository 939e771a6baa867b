// GET /api/changes — a token that changes whenever what the pages show changes; open pages poll it and refresh.
import { z } from "zod";
import { route } from "@/lib/http/boundary";
import { changeToken } from "@/lib/views/changes";

export const GET = route(
  { permission: "read", target: () => "/api/changes", params: z.object({}), body: z.unknown() },
  async () => Response.json({ token: await changeToken() }, { headers: { "cache-control": "no-store" } }),
);
