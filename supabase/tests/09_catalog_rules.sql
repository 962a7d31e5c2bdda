-- Why: the rules the catalog must keep for RLS to be the wall between businesses, read from the catalog so whatever
-- is added later is checked too. 01_tenant_isolation.sql proves the wall holds against real rows; this file needs no
-- rows, and proves:
-- * every table in `public` has RLS; anon has no privilege on anything in `public` (the embedded bootstrap recreates
--   Supabase's default grants, so a forgotten `revoke` shows here); signed-in users cannot truncate a table or touch a
--   sequence;
-- * views are security_invoker, and every security-definer function a signed-in user can call is listed in
--   rls_tests.definer_functions with the test that covers it;
-- * every table with a business_id carries the trigger that keeps a row in its business, on business_id and every
--   parent id that ties a row to a business (found from the foreign keys). 01_tenant_isolation.sql tries each of those
--   columns as the service role and as Carol, who belongs to two businesses.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select no_plan();

-- Helpers live in a schema of their own that the final rollback removes.
create schema rls_tests;

-- Every security-definer function that anon or a signed-in user can call (EXECUTE and USAGE on its schema), with the
-- test that proves it checks its caller. Trigger functions are left out: nobody can call one directly. A new such
-- function fails this file until it is listed here with its test.
create table rls_tests.definer_functions (fn text primary key, covered_by text not null check (covered_by ~ '^(supabase/tests/[0-9]{2}_[a-z_]+\.sql|lib/[a-z0-9/_-]+\.test\.ts)$'));
insert into rls_tests.definer_functions values
  ('private.business_ids_for_user(text[])', 'supabase/tests/01_tenant_isolation.sql'),
  ('private.notify_members(uuid, uuid, uuid[], text, text, text)', 'supabase/tests/08_inbox.sql'),
  ('private.queue_invitation_email(uuid, text, text)', 'supabase/tests/03_invitations.sql'),
  ('private.queue_staff_reply_email(uuid, text, text)', 'supabase/tests/08_inbox.sql'),
  ('private.record_suggestion_outcome(uuid, uuid, text)', 'lib/copilot/copilot.test.ts'),
  ('public.accept_invitation(text)', 'supabase/tests/03_invitations.sql'),
  ('public.preview_invitation(text)', 'supabase/tests/03_invitations.sql'),
  ('public.regenerate_widget_key(uuid)', 'supabase/tests/07_agent_and_widget.sql'),
  ('public.request_knowledge_reindex(uuid)', 'supabase/tests/06_knowledge_queue.sql');

-- The columns that tie a row to its business: business_id, and every foreign key into a table of the business (one
-- with a business_id, or businesses itself). A key that is `on delete set null` (or set default) is a link that may
-- change instead (an assignee, a team, a lead's latest conversation): deleting its parent rewrites it, so it cannot be
-- frozen. The same rule as rls_tests.parent_columns in 01_tenant_isolation.sql, which tries each of these columns.
create function rls_tests.tenant_tables() returns table (name name, relid oid)
language sql stable as $$
  select c.relname, c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p')
    and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'business_id' and a.attnum > 0 and not a.attisdropped)
  order by c.relname
$$;
create function rls_tests.parent_columns() returns table (tbl name, relid oid, col name)
language sql stable as $$
  select t.name, t.relid, 'business_id'::name from rls_tests.tenant_tables() t
  union
  select t.name, t.relid, a.attname
  from rls_tests.tenant_tables() t
  join pg_constraint k on k.conrelid = t.relid and k.contype = 'f' and k.confdeltype not in ('n', 'd')
  join pg_attribute a on a.attrelid = t.relid and a.attnum = any (k.conkey)
  where k.confrelid = 'public.businesses'::regclass or k.confrelid in (select relid from rls_tests.tenant_tables())
  order by 1, 3
$$;

-- The columns the immutability trigger guards on a table (its arguments), empty without the trigger.
create function rls_tests.guarded_columns(relid oid) returns name[]
language sql stable as $$
  select coalesce((
    select array_agg(arg::name)
    from pg_trigger g,
      lateral unnest(string_to_array(rtrim(encode(g.tgargs, 'escape'), '\000'), '\000')) as arg
    where g.tgrelid = relid and g.tgfoid = to_regproc('private.keep_row_in_its_business')
      and g.tgenabled in ('O', 'A') and g.tgtype & 1 = 1 and g.tgtype & 2 = 2 and g.tgtype & 16 = 16
  ), '{}')
$$;

select ok(c.relrowsecurity, format('%s has row-level security enabled', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p')
order by c.relname;

-- Tables, views, materialized views and sequences alike; column grants count too.
select ok(
  case when c.relkind = 'S' then not has_sequence_privilege('anon', c.oid, 'usage, select, update')
  else not has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger')
    and not has_any_column_privilege('anon', c.oid, 'select, insert, update, references') end,
  format('anon has no privileges on %s', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
order by c.relname;

-- TRUNCATE ignores RLS; a sequence can be set back so that every later insert fails.
select ok(not has_table_privilege('authenticated', c.oid, 'truncate, references, trigger'),
          format('signed-in users cannot truncate %s, nor add triggers or references to it', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p')
order by c.relname;
select ok(not has_sequence_privilege('authenticated', c.oid, 'usage, select, update'),
          format('signed-in users cannot read or set the sequence %s', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind = 'S'
order by c.relname;

select ok(not has_function_privilege('anon', p.oid, 'execute'),
          format('anon cannot call %s', p.oid::regprocedure))
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname = 'public'
  and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
order by p.proname, p.oid;

-- A view runs with its owner's rights unless it is security_invoker, and a materialized view has no RLS at all.
select ok(coalesce((select o.option_value from pg_options_to_table(c.reloptions) o where o.option_name = 'security_invoker'), 'false')
            in ('true', 'on', 'yes', '1'),
          format('the view %s is security_invoker', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind = 'v'
order by c.relname;
select ok(not has_table_privilege('authenticated', c.oid, 'select'),
          format('signed-in users cannot read the materialized view %s, which RLS does not cover', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind = 'm'
order by c.relname;

-- Security-definer functions anyone can reach: every one is listed with its test, and every listed one still exists.
-- Ours are the ones the migration role owns (here and under `supabase test db` that is the role running this file);
-- on Supabase the platform's own (auth, storage, realtime) belong to its admin roles.
create temporary table callable_definers on commit drop as
  select n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')' as fn, p.proconfig
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where p.prosecdef and p.proowner = current_user::regrole
    and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
    and n.nspname not in ('pg_catalog', 'information_schema', 'rls_tests')
    and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
    and (
      (has_schema_privilege('anon', n.oid, 'usage') and has_function_privilege('anon', p.oid, 'execute'))
      or (has_schema_privilege('authenticated', n.oid, 'usage') and has_function_privilege('authenticated', p.oid, 'execute'))
    );
select ok(exists (select 1 from rls_tests.definer_functions d where d.fn = c.fn),
          format('the callable security-definer function %s is listed in rls_tests.definer_functions with its test', c.fn))
from callable_definers c order by c.fn;
select ok(exists (select 1 from callable_definers c where c.fn = d.fn),
          format('%s (covered by %s) is still a callable security-definer function', d.fn, d.covered_by))
from rls_tests.definer_functions d order by d.fn;
select ok(exists (select 1 from unnest(c.proconfig) s where s like 'search_path=%'),
          format('%s pins its search_path', c.fn))
from callable_definers c order by c.fn;

-- No row changes business. The trigger is on every table with a business_id and guards every parent column; no
-- guarded column is one a parent's deletion sets null (that deletion would then fail).
select ok('business_id' = any (rls_tests.guarded_columns(p.relid)),
          format('%s has the trigger that keeps its rows in their business (private.keep_row_in_its_business, before update, for each row)', p.name))
from rls_tests.tenant_tables() p;
select ok(pc.col = any (rls_tests.guarded_columns(pc.relid)),
          format('%s.%s, which ties a row to its business, is guarded by the trigger', pc.tbl, pc.col))
from rls_tests.parent_columns() pc
where pc.col <> 'business_id';
select ok(not exists (
    select 1 from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any (k.conkey)
    where k.conrelid = p.relid and k.contype = 'f' and k.confdeltype in ('n', 'd') and a.attname = g.col),
  format('%s.%s is guarded and no parent''s deletion rewrites it', p.name, g.col))
from rls_tests.tenant_tables() p, lateral unnest(rls_tests.guarded_columns(p.relid)) as g(col);

select * from finish();
rollback;
