-- Why: every later table relies on the same few platform pieces: the extensions retrieval needs, a private schema for
-- security-definer helpers that policies call, and one updated_at trigger function.
create extension if not exists pg_trgm with schema extensions;
create extension if not exists vector with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create or replace function private.set_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
