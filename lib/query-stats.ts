// How many SQL statements this process has sent, through Prisma and through the raw connection, and the most
// parameters one Prisma statement carried. Tests read it to prove that a page's loader makes the same number of
// queries, none with more parameters, on a small store and a large one (no N+1, no IN (…) over every row).
export const queryStats = { statements: 0, maxParams: 0 };

export async function countStatements<T>(
  load: () => Promise<T>,
): Promise<{ result: T; statements: number; maxParams: number }> {
  const before = queryStats.statements;
  queryStats.maxParams = 0;
  const result = await load();
  return { result, statements: queryStats.statements - before, maxParams: queryStats.maxParams };
}
