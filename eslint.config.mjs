import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const BELOW_PAGES = {
  group: ["@/app/*", "@/components/*"],
  message: "lib, contracts and scripts sit below the pages: move what both need into lib.",
};
const NO_VIEWS = {
  group: ["@/lib/views/*"],
  message: "lib/views shapes reads for pages; the pipeline decides from lib/read-model.",
};
const NO_BENCH = {
  group: ["@/lib/bench/*"],
  message: "lib/bench is for benchmarks, scripts and tests, not the product.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { dropped, ...kept } = x` is how we omit fields; underscore marks a deliberately unused name.
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  // Every import points down: pages (app) → shared components → lib → the domain. Lint keeps it so. Bench-only
  // code (lib/bench: the store generator, derived assets) is for scripts and tests, never for the product.
  {
    files: ["lib/**/*.ts", "contracts/**/*.ts"],
    ignores: ["lib/bench/**", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [BELOW_PAGES, NO_BENCH] }],
    },
  },
  {
    // The pipeline and the engine decide from the read model, never from what a page is shown; the read model sits
    // below the code that writes.
    files: [
      "lib/pipeline/**/*.ts",
      "lib/engine/**/*.ts",
      "lib/read-model/**/*.ts",
      "lib/policy/**/*.ts",
      "lib/notify/**/*.ts",
      "lib/auth/**/*.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [BELOW_PAGES, NO_BENCH, NO_VIEWS] }],
    },
  },
  {
    files: ["lib/read-model/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            BELOW_PAGES,
            NO_BENCH,
            NO_VIEWS,
            {
              group: ["@/lib/pipeline/*", "@/lib/engine/*"],
              message: "the read model sits below the pipeline and the engine that write.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/bench/**/*.ts", "lib/**/*.test.ts", "scripts/**/*.ts", "scripts/**/*.mjs"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [BELOW_PAGES] }],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*"],
              message: "a shared component imports no route: take the route's action or data as a prop.",
            },
            NO_BENCH,
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [NO_BENCH] }],
    },
  },
  {
    // The domain is pure: it imports itself and the message core (a refusal is a catalog key with values). It owns
    // the types contracts describe (contracts check their schemas against them), so it imports no contract.
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(?!lib/domain/|lib/i18n/(text|locales)$)",
              message: "lib/domain imports only lib/domain and the message core (lib/i18n/text, lib/i18n/locales).",
            },
          ],
        },
      ],
    },
  },
  {
    // The message core is as pure as the domain that uses it: its catalogs and use-intl's core only.
    files: ["lib/i18n/text.ts", "lib/i18n/locales.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^@/(?!lib/i18n/)", message: "the message core imports only lib/i18n." }] },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      "dist/**",
      "generated/**",
      "node_modules/**",
      "test-results/**",
      "reports/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
