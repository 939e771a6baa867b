/** One one-line change of a rule, and the unit tests that must turn red on it (scripts/mutants.mjs). */
export interface Mutant {
  name: string;
  why: string;
  file: string;
  from: string;
  to: string;
  tests: string[];
}
export declare const MUTANTS: Mutant[];
