import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTRACTS_DIR, PUBLISHED_SCHEMAS, renderJsonSchema } from "@/contracts/json-schemas";

describe("published JSON Schemas", () => {
  for (const entry of PUBLISHED_SCHEMAS) {
    it(`${entry.file} is what its zod schema generates (run npm run contracts after changing it)`, () => {
      const onDisk = fs.readFileSync(path.join(CONTRACTS_DIR, entry.file), "utf8");
      expect(onDisk).toBe(renderJsonSchema(entry));
    });
  }
});
