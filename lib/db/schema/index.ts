/** Typed view of the tables the SQL migrations in supabase/migrations create; the migrations are the source of truth. */
export * from "./auth";
export * from "./businesses";
export * from "./conversations";
export * from "./records";
export * from "./knowledge";
export * from "./inbox";
