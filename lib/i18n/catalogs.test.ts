import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { chooseLocale, fromAcceptLanguage, toLocale } from "@/lib/i18n/locales";
import { CATALOGS, render, text, type MessageKey } from "@/lib/i18n/text";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(`${prefix}${k}`, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** The arguments a message takes (placeholders, plurals), by name. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time)
        names.add(e.value);
      if (e.type === TYPE.plural || e.type === TYPE.select) {
        names.add(e.value);
        for (const option of Object.values(e.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return [...names].sort();
}

const en = leaves(CATALOGS.en as Tree);
const zh = leaves(CATALOGS["zh-CN"] as Tree);

describe("the two catalogs", () => {
  it("have exactly the same keys", () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    expect(en.size).toBeGreaterThan(900);
  });

  it("take the same placeholders in both languages, and no value is empty", () => {
    const differ: string[] = [];
    for (const [key, english] of en) {
      const chinese = zh.get(key)!;
      expect(english.trim(), key).not.toBe("");
      expect(chinese.trim(), key).not.toBe("");
      const [a, b] = [argumentsOf(english), argumentsOf(chinese)];
      if (a.join(",") !== b.join(",")) differ.push(`${key}: en ${a.join(",")} / zh ${b.join(",")}`);
    }
    expect(differ).toEqual([]);
  });

  it("render every message in both languages (each parses, and its values fill it)", () => {
    for (const [key, english] of en) {
      const values = Object.fromEntries(
        argumentsOf(english)
          .concat(argumentsOf(zh.get(key)!))
          .map((name) => [name, 2]),
      );
      for (const locale of ["en", "zh-CN"] as const) {
        const said = render(text(key as MessageKey, values), locale);
        expect(said, `${key} in ${locale}`).not.toBe(key);
        expect(said, `${key} in ${locale}`).not.toMatch(/\{[a-zA-Z]+\}/);
      }
    }
  });

  it('say a count with its noun through ICU plural forms in English: never "1 partitions"', () => {
    // A bare {argument} followed by a noun this catalog counts, maybe after an adjective ("{rows} silver rows"). A
    // check's name is not a count ("its {check} check fails").
    const counted =
      /^ (?:(?:silver|raw|input|asset|blocking|released|missing|queued|new) )?(?:rows?|partitions?|tickets?|runs?|attempts?|characters?|bytes?|checks?|assets?|days?|events?|manifests?|plans?|backfills?|files?|fields?|reviews?|deliver(?:y|ies)|workers?|warnings?|steps?|drills?)\b/;
    const bare: string[] = [];
    const walk = (key: string, elements: MessageFormatElement[]) =>
      elements.forEach((e, i) => {
        const next = elements[i + 1];
        if (
          e.type === TYPE.argument &&
          !["check", "allowed"].includes(e.value) &&
          next?.type === TYPE.literal &&
          counted.test(next.value)
        )
          bare.push(`${key}: {${e.value}}${next.value.slice(0, 24)}`);
        if (e.type === TYPE.select) for (const option of Object.values(e.options)) walk(key, option.value);
      });
    for (const [key, english] of en) walk(key, parse(english));
    expect(bare).toEqual([]);
  });

  it("keep what is never translated the same in both: action tokens, the guard, policy rule names", () => {
    for (const [key, english] of en) {
      const chinese = zh.get(key)!;
      for (const token of [
        "ticket_id + partition_key",
        "required_checks",
        "blast_radius.max_partitions_per_plan",
        "roles.",
        "attest_empty",
        "--attest-empty",
        "WEEK06_DEFAULT_PARTITION",
        "PARTITION_DESK_TOKEN",
      ]) {
        if (english.includes(token)) expect(chinese, `${key} keeps ${token}`).toContain(token);
      }
    }
    expect(render(text("plans.unsupportedMode", { mode: "bogus" }), "zh-CN")).toContain(
      "Unsupported Week06 backfill mode: bogus",
    );
  });
});

describe("the reader's language", () => {
  it("is their stored choice, else what the browser asks for, else the configured default", () => {
    expect(chooseLocale({ stored: "en", acceptLanguage: "zh-CN,zh;q=0.9", fallback: "zh-CN" })).toBe("en");
    expect(chooseLocale({ stored: null, acceptLanguage: "zh-TW,zh;q=0.9,en;q=0.8", fallback: "en" })).toBe("zh-CN");
    expect(chooseLocale({ stored: null, acceptLanguage: "fr-FR,fr;q=0.9,en-GB;q=0.5", fallback: "zh-CN" })).toBe("en");
    expect(chooseLocale({ stored: null, acceptLanguage: "fr-FR", fallback: "zh-CN" })).toBe("zh-CN");
    expect(chooseLocale({ stored: "xx", acceptLanguage: null, fallback: "en" })).toBe("en");
  });

  it("reads Accept-Language by quality, ignores q=0, and takes POSIX and script tags", () => {
    expect(fromAcceptLanguage("en;q=0.3, zh-Hans-CN;q=0.8")).toBe("zh-CN");
    expect(fromAcceptLanguage("zh;q=0, en")).toBe("en");
    expect(fromAcceptLanguage("*")).toBeNull();
    expect(toLocale("zh_CN.UTF-8")).toBe("zh-CN");
    expect(toLocale("C.UTF-8")).toBeNull();
  });
});
