// How many SQL statements this process has sent, through Prisma and through the raw connection, and the most
// parameters one Prisma statement carried. Tests read it to prove that a page's loader makes the same number of
// queries, none with more parameters, on a small store and a large one (no N+1, no IN (…) over every row) — and,
// with the statements' text, what a read asks of the store (lib/views/request-cost.test.ts reads their plans).
export interface Statement {
  sql: string;
  args: readonly unknown[];
}

export const queryStats = { statements: 0, maxParams: 0, sent: null as Statement[] | null };

/** Counts one statement (every path to the store calls it once per statement it sends). */
export function recordStatement(sql: string, args: readonly unknown[] = []): void {
  queryStats.statements += 1;
  queryStats.maxParams = Math.max(queryStats.maxParams, args.length);
  queryStats.sent?.push({ sql, args });
}

export async function countStatements<T>(
  load: () => Promise<T>,
): Promise<{ result: T; statements: number; maxParams: number; sent: Statement[] }> {
  const before = queryStats.statements;
  const sent: Statement[] = [];
  queryStats.maxParams = 0;
  queryStats.sent = sent;
  try {
    const result = await load();
    return { result, statements: queryStats.statements - before, maxParams: queryStats.maxParams, sent };
  } finally {
    queryStats.sent = null;
  }
}
