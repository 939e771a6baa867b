import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { dropped, ...kept } = x` is how we omit fields; underscore marks a deliberately unused name.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Every import points down: pages (app) → shared components → lib → the domain. Lint keeps it so.
  {
    files: ["lib/**/*.ts", "contracts/**/*.ts", "scripts/**/*.ts", "scripts/**/*.mjs"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/components/*"], message: "lib, contracts and scripts sit below the pages: move what both need into lib." }] }],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*"], message: "a shared component imports no route: take the route's action or data as a prop." }] }],
    },
  },
  {
    // The domain is pure: it imports itself and the message core (a refusal is a catalog key with values), and only
    // types from contracts. Policy validation against its zod contract lives in lib/policy.
    files: ["lib/domain/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(?!lib/domain/|lib/i18n/(text|locales)$|contracts/)",
              message: "lib/domain imports only lib/domain and the message core (lib/i18n/text, lib/i18n/locales).",
            },
            { regex: "^@/contracts/", allowTypeImports: true, message: "lib/domain may import only types from contracts." },
          ],
        },
      ],
    },
  },
  {
    // The message core is as pure as the domain that uses it: its catalogs and use-intl's core only.
    files: ["lib/i18n/text.ts", "lib/i18n/locales.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^@/(?!lib/i18n/)", message: "the message core imports only lib/i18n." }] }],
    },
  },
  { ignores: [".next/**", "generated/**", "node_modules/**", "test-results/**", "reports/**", "next-env.d.ts"] },
];

export default config;
