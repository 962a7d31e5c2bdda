import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
// Imported under another name: it is not a React hook, whatever its name suggests to the linter.
import { openHosted, useDatabaseForTests as installDatabaseForTests, type Database } from "./index";
import { migrate, readMigrations, type MigrationFile } from "./migrate";
import { postgresRunner } from "./runners";

/**
 * A throwaway real Postgres server for the tests PGlite cannot run: PGlite has one backend and runs one transaction at a
 * time, so a race between two transactions (row locks, a conditional update re-checked after a wait) and delivery
 * across connections (LISTEN/NOTIFY) only happen on a real server. CI installs Debian's `postgresql` (.ci/run); where
 * its binaries are missing these tests FAIL with a message saying so, never skip.
 *
 * What it offers:
 * - `startPostgresServer()`: a bare server (initdb + pg_ctl into a temporary folder, about a second), for tests that
 *   need no schema (the hosted realtime bus).
 * - `useMigratedPostgres()`: in a `describe`, one server for the test file with the real migrations applied over the
 *   Supabase-like bootstrap (lib/db/embedded/bootstrap.sql) into a template, and a fresh database cloned from it for
 *   every test, installed as the `getDatabase()` of the code under test (so `withUser` and `withServiceRole` run on it)
 *   and closed afterwards. `connect()` opens further, independent connections. One server per file rather than one
 *   per run (a vitest globalSetup) because a globalSetup would start it for every run, also runs with no such file.
 * - Barriers that make a race happen every time, so that a check-then-write implementation fails as it would in
 *   production one time in many: `gate()` holds the first contender's transaction open after its write while the
 *   second reads and queues on its own write (`lockWaiters(pg, 1)`), then lets it commit; `holdRowLock()` holds a row
 *   from a connection of its own while both contenders queue. lib/inbox/races.test.ts shows both; the webhook
 *   duplicate and bookings races are meant to use them the same way.
 *
 * Debian has no pgvector package for Postgres 15, so when the server lacks the `vector` extension a small stand-in
 * (below) takes the place of `create extension vector`: the type accepts `vector(n)` and values, and `<=>` is the
 * cosine distance, computed in SQL. Enough for every migration to apply and for rows with embeddings to be written;
 * not for measuring search.
 */

export type PostgresServer = {
  port: number;
  /** A connection string for `database` on this server, as the superuser `postgres`. */
  url(database?: string): string;
  stop(): Promise<void>;
};

const MISSING =
  "No Postgres server binaries (initdb, pg_ctl) were found: tests of races and of the hosted realtime bus need a real " +
  "Postgres server. Install Debian's postgresql package (`apt-get install postgresql`, as .ci/run does) or set " +
  "POSTGRES_BIN_DIR to the folder holding initdb and pg_ctl.";

/** The folder with initdb and pg_ctl: POSTGRES_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinaries(): string | null {
  const candidates = [process.env.POSTGRES_BIN_DIR ?? ""];
  if (existsSync("/usr/lib/postgresql")) {
    for (const version of readdirSync("/usr/lib/postgresql").sort().reverse()) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  }
  return candidates.find((dir) => dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

/** Postgres refuses to run as root: there it runs as the `postgres` user the Debian package creates. */
function serverUser(): { run: (command: string, args: string[]) => void; uid?: number; gid?: number } {
  const run = (command: string, args: string[]) => {
    try {
      execFileSync(command, args, { stdio: "pipe" });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`${path.basename(args[args.indexOf("--") + 1] ?? command)} failed${stderr ? `: ${stderr}` : ""}`, { cause: error });
    }
  };
  if (userInfo().uid !== 0) return { run };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  } catch (error) {
    throw new Error(`Running as root, a Postgres server needs the "postgres" user (Debian's postgresql package creates it). ${MISSING}`, { cause: error });
  }
  return { run: (command, args) => run("runuser", ["-u", "postgres", "--", command, ...args]), uid, gid };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a fresh server in a temporary folder (fsync off: nothing here must survive). Throws when none is installed. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin) throw new Error(MISSING);
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-pg-"));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  const data = path.join(dir, "data");
  const port = await freePort();
  try {
    user.run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
    user.run(path.join(bin, "pg_ctl"), [
      "-D", data,
      "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      "-l", path.join(dir, "server.log"),
      "-w", "start",
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    try {
      user.run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test process that ends without its afterAll (a crash, a timeout) must not leave a server running behind it.
  process.once("exit", stop);
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: async () => stop(),
  };
}

const VECTOR_EXTENSION = /create extension if not exists vector with schema extensions;/;

/**
 * pgvector's place taken by a stand-in (the server is the tests' own superuser, so internal functions may back a type):
 * values are stored as their text, `vector(n)` is accepted (varchar's typmod reader) and `<=>` is the cosine distance.
 */
const VECTOR_STAND_IN = `
create type extensions.vector;
create function extensions.vector_in(cstring, oid, integer) returns extensions.vector language internal immutable strict as 'textin';
create function extensions.vector_out(extensions.vector) returns cstring language internal immutable strict as 'textout';
create function extensions.vector_typmod_in(cstring[]) returns integer language internal immutable strict as 'varchartypmodin';
create type extensions.vector (input = extensions.vector_in, output = extensions.vector_out, typmod_in = extensions.vector_typmod_in, internallength = variable, storage = extended, category = 'U');
create cast (extensions.vector as text) without function;
create function extensions.vector_cosine_distance(a extensions.vector, b extensions.vector) returns double precision
language sql immutable strict as $$
  with x as (select translate(a::text, '[]', '{}')::float8[] as a, translate(b::text, '[]', '{}')::float8[] as b)
  select 1 - (select sum(a[i] * b[i]) from generate_subscripts(x.a, 1) i)
           / nullif(sqrt((select sum(v * v) from unnest(x.a) v)) * sqrt((select sum(v * v) from unnest(x.b) v)), 0)
  from x
$$;
create operator extensions.<=> (leftarg = extensions.vector, rightarg = extensions.vector, function = extensions.vector_cosine_distance, commutator = operator(extensions.<=>));
`;

/** The migrations as this server can apply them: with pgvector's stand-in when the extension is not installed. */
async function migrationsFor(sql: postgres.Sql): Promise<MigrationFile[]> {
  const files = readMigrations();
  const [available] = await sql`select count(*)::int as n from pg_available_extensions where name = 'vector'`;
  if (available?.n) return files;
  let replaced = 0;
  const adapted = files.map((file) => {
    if (!VECTOR_EXTENSION.test(file.sql)) return file;
    replaced += 1;
    return { ...file, sql: file.sql.replace(VECTOR_EXTENSION, () => VECTOR_STAND_IN) };
  });
  if (replaced !== 1) throw new Error("testing-postgres: expected one migration to create the vector extension; update its stand-in");
  return adapted;
}

/** Creates `name` on the server with the Supabase-like bootstrap and every migration applied; returns its URL. */
export async function createMigratedDatabase(server: PostgresServer, name: string): Promise<string> {
  const admin = postgres(server.url(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const sql = postgres(server.url(name), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(readFileSync(path.join(process.cwd(), "lib/db/embedded/bootstrap.sql"), "utf8"));
    await migrate(postgresRunner(sql), await migrationsFor(sql));
  } finally {
    await sql.end();
  }
  return server.url(name);
}

export type MigratedPostgres = {
  /** The current test's database, installed for `getDatabase()` (throws outside a test). */
  readonly database: Database;
  /** The current test's connection string. */
  readonly url: string;
  /** Another connection (pool of `max`) to the current test's database, closed after the test. */
  connect(options?: { max?: number }): postgres.Sql;
};

/**
 * In a `describe`: one real Postgres server for the file, migrated once into a template, and a fresh copy of it for
 * every test (see the module comment). Fails, not skips, where no server is installed.
 */
export function useMigratedPostgres(): MigratedPostgres {
  let server: PostgresServer | undefined;
  let admin: postgres.Sql | undefined;
  let current: { name: string; url: string; database: Database; extra: postgres.Sql[] } | undefined;
  let seq = 0;

  beforeAll(async () => {
    server = await startPostgresServer();
    await createMigratedDatabase(server, "frontdesk_template");
    admin = postgres(server.url(), { max: 1, onnotice: () => {} });
  }, 60_000);

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  beforeEach(async () => {
    seq += 1;
    const name = `frontdesk_test_${seq}`;
    await admin!.unsafe(`create database "${name}" template frontdesk_template`);
    const url = server!.url(name);
    const database = openHosted(url);
    installDatabaseForTests(database);
    current = { name, url, database, extra: [] };
  });

  afterEach(async () => {
    installDatabaseForTests(undefined);
    const closing = current;
    current = undefined;
    if (!closing) return;
    await Promise.all([closing.database.close(), ...closing.extra.map((c) => c.end())]);
    await admin!.unsafe(`drop database if exists "${closing.name}" with (force)`);
  });

  const now = () => {
    if (!current) throw new Error("useMigratedPostgres(): the database exists only while a test runs");
    return current;
  };
  return {
    get database() {
      return now().database;
    },
    get url() {
      return now().url;
    },
    connect({ max = 1 } = {}) {
      const c = now();
      const sql = postgres(c.url, { max, onnotice: () => {} });
      c.extra.push(sql);
      return sql;
    },
  };
}

/**
 * Resolves once `n` transactions of the current test's database wait for a lock (a row lock, another transaction's
 * end): the contenders have done their reads and queued on their writes. Fails after 10 s with what it saw.
 */
export async function lockWaiters(pg: MigratedPostgres, n: number): Promise<void> {
  const observer = pg.connect();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await observer<{ waiting: number }[]>`
      select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
    if (row!.waiting === n) return;
    if (Date.now() > deadline) throw new Error(`expected ${n} transactions waiting for a lock, found ${row!.waiting}`);
    await sleep(5);
  }
}

/**
 * A gate to hold a transaction open on, after its write and before its commit: `await gate.passed` inside the
 * contender's transaction, `gate.open()` to let it commit. The contender that goes through first holds the row it
 * wrote, so the other reads the row as it was and waits at its own write: the race, every time, in a chosen order.
 * This is the barrier for contenders that touch other rows first (a child insert's foreign key share-locks the row,
 * and a transaction that already holds a lock on a row skips the queue for it, so lock-queue order is not theirs).
 */
export function gate(): { passed: Promise<void>; open(): void } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { passed, open };
}

export type LockBarrier = {
  /** Resolves once `n` transactions of this test's database wait for a lock (fails after 10 s). */
  queued(n: number): Promise<void>;
  /** Ends the holding transaction (committing it), so the queued ones go on in the order they queued. */
  release(): Promise<void>;
};

/** Runs `take` in a transaction of its own and holds whatever locks it takes until `release()`. */
export async function holdLocks(pg: MigratedPostgres, take: (tx: postgres.TransactionSql) => Promise<unknown>): Promise<LockBarrier> {
  const holder = pg.connect();
  const held = gate();
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holding = holder.begin(async (tx) => {
    await take(tx);
    locked();
    await held.passed;
  });
  // A failing `take` must fail the test, not leave it waiting for a lock that never comes.
  await Promise.race([isLocked, holding]);
  return {
    queued: (n) => lockWaiters(pg, n),
    async release() {
      held.open();
      await holding;
    },
  };
}

/**
 * Holds one row's lock as an UPDATE of it does (FOR NO KEY UPDATE), for contenders whose first lock on the row is their
 * own update of it (two runs of a job): they queue in the order they reach it and go on in that order. For contenders
 * that insert child rows first, use `gate()` instead.
 */
export function holdRowLock(pg: MigratedPostgres, table: string, id: string): Promise<LockBarrier> {
  if (!/^[a-z_]+(\.[a-z_]+)?$/.test(table)) throw new Error(`holdRowLock: not a table name: ${table}`);
  return holdLocks(pg, (tx) => tx.unsafe(`select 1 from ${table} where id = $1 for no key update`, [id]));
}
