// Each page ships the catalog namespaces its client components read, derived from the code (scripts/client-messages.mjs):
// a client component added anywhere gets its messages, and a route file that would not ship them fails the scan —
// and with it `next build` — naming the fix.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { normalize, scanClientMessages } from "./client-messages.mjs";
import { clientMessages } from "@/lib/i18n/client-messages";
import { pickMessages } from "@/lib/i18n/pick";
import { CATALOGS } from "@/lib/i18n/text";
import { LOCALES } from "@/lib/i18n/locales";

const trees: string[] = [];
afterEach(() => trees.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A small app tree: `files` maps paths to sources. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-client-messages-"));
  trees.push(dir);
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

const client = (body: string, imports = "") =>
  `"use client";\nimport { useTranslations } from "next-intl";\n${imports}\nexport function C() {\n${body}\n}\n`;

describe("the namespaces a page ships", () => {
  it("are those its client components read, through server components, hooks and nested client components", () => {
    const dir = tree({
      "app/x/page.tsx": `import { Panel } from "@/components/panel";\nimport { withClientMessages } from "@/components/client-messages";\nfunction XPage() { return <Panel />; }\nexport default withClientMessages("app/x/page", XPage);\n`,
      // a server component between the page and the client boundary
      "components/panel.tsx": `import { Form } from "./form";\nimport { rows } from "@/lib/views/x";\nexport function Panel() { return <Form />; }\n`,
      "lib/views/x.ts": `export const rows = [];\n`,
      "components/form.tsx": client(
        `const t = useTranslations("form.labels");\nconst name = useName();\nreturn <Table />;`,
        `import { useName } from "./use-name";\nimport { Table } from "./table";\nimport { save } from "@/app/x/actions";\nimport type { Shape } from "./types";`,
      ),
      "components/use-name.ts": `import { useTranslations } from "next-intl";\nexport function useName() { return useTranslations('assetName'); }\n`,
      "components/table.tsx": client(`const t = useTranslations(\`table\`);`),
      // a server action: the browser gets a reference, not the module, nor what it imports
      "app/x/actions.ts": `"use server";\nimport { helper } from "@/lib/helper";\nexport async function save() {}\n`,
      "lib/helper.ts": `import { useTranslations } from "next-intl";\nexport const helper = () => useTranslations("serverOnly");\n`,
      "components/types.ts": `import { useTranslations } from "next-intl";\nexport type Shape = ReturnType<typeof useTranslations<"typesOnly">>;\nuseTranslations("typesOnly");\n`,
      // a page without client components ships nothing and needs no provider
      "app/y/page.tsx": `import { Panel2 } from "@/lib/views/x";\nexport default function YPage() { return null; }\n`,
      "app/layout.tsx": `import { ClientMessages } from "@/components/client-messages";\nexport default function L({ children }) { return <ClientMessages file="app/layout">{children}</ClientMessages>; }\n`,
    });
    expect(scanClientMessages(dir)).toEqual({
      entries: { "app/x/page": ["assetName", "form.labels", "table"] },
      problems: [],
    });
  });

  it("fails when a route file's client components read messages it does not ship, naming the fix", () => {
    const dir = tree({
      "app/backfills/[id]/page.tsx": `import { RunsTable } from "./_components/runs-table";\nexport default async function BackfillPage() { return <RunsTable />; }\n`,
      "app/backfills/[id]/_components/runs-table.tsx": client(`const t = useTranslations("backfillRuns");`),
    });
    const { entries, problems } = scanClientMessages(dir);
    expect(entries).toEqual({ "app/backfills/[id]/page": ["backfillRuns"] });
    expect(problems).toEqual([
      expect.stringContaining(
        `app/backfills/[id]/page.tsx renders client components that read backfillRuns but does not ship them: export default withClientMessages("app/backfills/[id]/page", …)`,
      ),
    ]);
    // Another route file's provider does not count.
    fs.appendFileSync(
      path.join(dir, "app/backfills/[id]/page.tsx"),
      `// withClientMessages("app/backfills/page", X)\n`,
    );
    expect(scanClientMessages(dir).problems).toHaveLength(1);
  });

  it("gives a layout's client components, and a client error page's, the layout's provider", () => {
    const dir = tree({
      "app/layout.tsx": `import { Menu } from "@/components/menu";\nexport default function L({ children }) { return <body><Menu />{children}</body>; }\n`,
      "components/menu.tsx": client(`const t = useTranslations("layout");`),
      "app/error.tsx": client(`const t = useTranslations("notFound");`).replace(
        "export function C",
        "export default function E",
      ),
    });
    const { entries, problems } = scanClientMessages(dir);
    expect(entries).toEqual({ "app/layout": ["layout", "notFound"] });
    expect(problems).toEqual([expect.stringContaining(`<ClientMessages file="app/layout">`)]);
  });

  it("refuses a namespace it cannot read from the code, and a whole-catalog read", () => {
    const dir = tree({
      "app/page.tsx": `import { A } from "@/components/a";\nexport default withClientMessages("app/page", () => <A />);\n`,
      "components/a.tsx": client(
        `const ns = "calendar";\nconst t = useTranslations(ns);\nconst all = useTranslations();\nconst m = useMessages();`,
      ),
    });
    expect(scanClientMessages(dir).problems).toEqual([
      "components/a.tsx: useMessages() reads whichever messages its page ships; read them with useTranslations",
      "components/a.tsx: useTranslations() — name the namespace as a string literal so the pages that render it ship its messages",
      "components/a.tsx: useTranslations(ns) — name the namespace as a string literal so the pages that render it ship its messages",
    ]);
  });

  it("keeps a namespace once, dropping the parts of it also named", () => {
    expect(normalize(["status", "backfillStatus.label", "backfillStatus", "status", "statusWords"])).toEqual([
      "backfillStatus",
      "status",
      "statusWords",
    ]);
  });
});

describe("this code base", () => {
  it("derives every page's messages: no namespace hidden from the scan, every page that needs messages ships them", () => {
    const { entries, problems } = scanClientMessages();
    expect(problems).toEqual([]);
    // Every namespace named exists in both catalogs (picking one that does not throws).
    for (const [file, namespaces] of Object.entries(entries))
      for (const locale of LOCALES) expect(() => pickMessages(CATALOGS[locale], namespaces), file).not.toThrow();
    // The sign-in page ships its form's messages and nothing else.
    expect(entries["app/login/page"]).toEqual(["login"]);
  });

  it("ships a page's namespaces whole, in the reader's language, and nothing else", () => {
    expect(pickMessages(CATALOGS.en, ["login", "backfillStatus.label"])).toEqual({
      login: CATALOGS.en.login,
      backfillStatus: { label: CATALOGS.en.backfillStatus.label },
    });
    expect(() => pickMessages(CATALOGS.en, ["login.nothing"])).toThrow("the catalog has no namespace login.nothing");
    expect(clientMessages("app/login/page", "zh-CN")).toEqual({ login: CATALOGS["zh-CN"].login });
    // The strategy page's only client component is a table's scroll box: its messages, none of the page's own.
    expect(clientMessages("app/strategy/page", "en")).toEqual({ table: CATALOGS.en.table });
    expect(clientMessages("app/not/a/page", "en")).toEqual({});
  });
});
