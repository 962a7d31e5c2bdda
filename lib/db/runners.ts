import type { PGlite, Transaction } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { SqlRunner } from "./migrate";

type PgliteLike = Pick<PGlite, "exec" | "query"> | Transaction;

function pgliteStatements(pg: PgliteLike) {
  return {
    exec: async (text: string) => {
      await pg.exec(text);
    },
    query: async <T>(text: string, params: unknown[] = []) => (await pg.query<T>(text, params)).rows,
  };
}

export function pgliteRunner(pg: PGlite): SqlRunner {
  return {
    ...pgliteStatements(pg),
    transaction: (fn) => pg.transaction((tx) => fn({ ...pgliteStatements(tx), transaction: (inner) => inner(pgliteRunnerInTx(tx)) })),
  };
}

function pgliteRunnerInTx(tx: Transaction): SqlRunner {
  return { ...pgliteStatements(tx), transaction: (fn) => fn(pgliteRunnerInTx(tx)) };
}

type PostgresLike = postgres.Sql | postgres.TransactionSql;

function postgresStatements(sql: PostgresLike) {
  return {
    exec: async (text: string) => {
      await sql.unsafe(text);
    },
    query: async <T>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
  };
}

export function postgresRunner(sql: postgres.Sql): SqlRunner {
  return {
    ...postgresStatements(sql),
    transaction: async (fn) => (await sql.begin((tx) => fn(postgresRunnerInTx(tx)))) as Awaited<ReturnType<typeof fn>>,
  };
}

function postgresRunnerInTx(tx: postgres.TransactionSql): SqlRunner {
  return { ...postgresStatements(tx), transaction: (fn) => fn(postgresRunnerInTx(tx)) };
}
