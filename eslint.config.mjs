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
  { ignores: [".next/**", "generated/**", "node_modules/**", "test-results/**", "reports/**", "next-env.d.ts"] },
];

export default config;
