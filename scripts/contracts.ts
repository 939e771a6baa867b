// npm run contracts — regenerate the JSON Schemas in contracts/ from their zod schemas.
import fs from "node:fs";
import path from "node:path";
import { CONTRACTS_DIR, PUBLISHED_SCHEMAS, renderJsonSchema } from "@/contracts/json-schemas";

for (const entry of PUBLISHED_SCHEMAS) {
  const file = path.join(CONTRACTS_DIR, entry.file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderJsonSchema(entry));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
