// Compile-time: two types describe exactly the same values. Used where one thing is written twice on purpose (a
// contract's zod schema and the domain type it describes; a store enum and the domain's list of its values).
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
