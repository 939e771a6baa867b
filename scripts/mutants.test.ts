// The mutant list names lines of the code: when a line moves or changes, `npm run -s mutants` stops working without
// any test saying so (it happened: the body limit moved to lib/http/limits.ts). This holds the list to the code.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MUTANTS } from "./mutants.mjs";

describe("every mutant of npm run -s mutants", () => {
  it.each(MUTANTS.map((m) => [m.name, m] as const))(
    "%s: its line is in its file exactly once, and its tests exist",
    (_, m) => {
      const text = fs.readFileSync(m.file, "utf8");
      expect(text.split(m.from).length - 1, `${m.file} holds the line of ${m.name} once`).toBe(1);
      expect(m.to).not.toBe(m.from);
      for (const test of m.tests) expect(fs.existsSync(test), `${test} exists`).toBe(true);
    },
  );
});
