-- Why: RLS is the wall between businesses, and this file proves it holds against real rows; 09_catalog_rules.sql proves
-- the catalog rules behind it (RLS on, no anon grants, security_invoker views, listed security-definer functions, the
-- business_id guard trigger on the right columns). It reads the catalog, so whatever is added later is checked too:
-- * every table in `public` carries a business_id (then it needs a fixture row for both businesses below) or is
--   listed in rls_tests.row_owners with the column saying whose its rows are;
-- * nobody reaches another business's (or person's) rows: reads, forged inserts, and UPDATE and DELETE run without any
--   WHERE (a WHERE would add the SELECT policy and hide a leaky write policy), each rolled back, with a probe trigger
--   that raises on the first foreign row a statement reaches, and the foreign rows compared (count and hash) before
--   and after;
-- * no row changes business: business_id and every parent id that ties a row to a business (found from the foreign
--   keys) is refused, tried on every table as the service role and as Carol, who belongs to two businesses.
-- Ada owns Ada's Salon (A), Bob owns Bob's Bikes (B); Carol is an agent at A who owns Carol's Cuts (C); Eve belongs
-- nowhere.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select no_plan();

-- People: Ada (owner of A) with Carol (agent) and Dan (admin); Bob (owner of B); Eve belongs nowhere.
insert into auth.users (id, email, raw_user_meta_data) values
  ('00000000-0000-4000-a000-000000000ada', 'ada@salon.test', '{"full_name":"Ada Lovelace"}'),
  ('00000000-0000-4000-a000-000000000b0b', 'bob@bikes.test', '{"full_name":"Bob Marley"}'),
  ('00000000-0000-4000-a000-0000000ca201', 'carol@salon.test', '{"full_name":"Carol O''Neill"}'),
  ('00000000-0000-4000-a000-000000000da0', 'dan@salon.test', '{"full_name":"Dan Brown"}'),
  ('00000000-0000-4000-a000-000000000e5e', 'eve@nowhere.test', '{"full_name":"Eve Outsider"}');

insert into public.businesses (id, name, vertical, time_zone, currency, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b'),
  ('00000000-0000-4000-b000-00000000000c', 'Carol''s Cuts', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-0000000ca201');
insert into public.memberships (business_id, user_id, role) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000ca201', 'agent'),
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000da0', 'admin');

-- One row per business in every table scoped by business_id. A new table needs its rows here.
insert into public.contacts (id, business_id, name, email) values
  ('00000000-0000-4000-c000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Grace Hopper', 'grace@example.test'),
  ('00000000-0000-4000-c000-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Linus Pauling', 'linus@example.test');
insert into public.contact_identities (business_id, contact_id, channel, external_id) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'whatsapp', '+447700900001'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000b', 'widget', 'visitor-b-1');
insert into public.conversations (id, business_id, contact_id, channel) values
  ('00000000-0000-4000-d000-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'whatsapp'),
  ('00000000-0000-4000-d000-00000000000b', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000b', 'widget');
insert into public.messages (business_id, conversation_id, channel, role, content) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'whatsapp', 'customer', 'Can I book a cut on Friday?'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-d000-00000000000b', 'widget', 'customer', 'Do you service e-bikes?');
insert into public.notifications (business_id, user_id, type, title, conversation_id) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000ada', 'escalation', 'Grace needs a human', '00000000-0000-4000-d000-00000000000a'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-a000-000000000b0b', 'escalation', 'Linus needs a human', '00000000-0000-4000-d000-00000000000b');
insert into public.email_outbox (business_id, kind, to_email, subject, body_text) values
  ('00000000-0000-4000-b000-00000000000a', 'digest', 'ada@salon.test', 'Your day at Ada''s Salon', '3 bookings'),
  ('00000000-0000-4000-b000-00000000000b', 'digest', 'bob@bikes.test', 'Your day at Bob''s Bikes', '2 leads');
insert into public.ai_usage (business_id, conversation_id, task, provider, model, prompt_tokens, completion_tokens, outcome) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'reply', 'offline', 'offline-1', 120, 40, 'ok'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-d000-00000000000b', 'reply', 'offline', 'offline-1', 90, 30, 'ok');
insert into public.invitations (business_id, email, role, token_hash, expires_at) values
  ('00000000-0000-4000-b000-00000000000a', 'new@salon.test', 'agent', encode(extensions.digest('tenant-isolation-a', 'sha256'), 'hex'), now() + interval '7 days'),
  ('00000000-0000-4000-b000-00000000000b', 'new@bikes.test', 'agent', encode(extensions.digest('tenant-isolation-b', 'sha256'), 'hex'), now() + interval '7 days');
insert into public.knowledge_documents (id, business_id, title, kind, category, content_hash, body) values
  ('00000000-0000-4000-c100-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Colour prices', 'article', 'prices',
   encode(extensions.digest('salon prices', 'sha256'), 'hex'), 'Full colour from 65 euros.'),
  ('00000000-0000-4000-c100-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Repairs', 'article', 'services',
   encode(extensions.digest('bike repairs', 'sha256'), 'hex'), 'Puncture repair while you wait.');
insert into public.knowledge_chunks (business_id, document_id, chunk_index, content, token_count, language) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c100-00000000000a', 0, 'Full colour from 65 euros.', 6, 'english'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c100-00000000000b', 0, 'Puncture repair while you wait.', 6, 'english');
insert into public.knowledge_jobs (business_id, document_id, kind) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c100-00000000000a', 'index'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c100-00000000000b', 'index');
insert into public.leads (business_id, contact_id, conversation_id, name, email, intent, channel) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'Grace Hopper', 'grace@example.test', 'Colour on Friday', 'whatsapp'),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000b', '00000000-0000-4000-d000-00000000000b', 'Linus Pauling', 'linus@example.test', 'E-bike service', 'widget');
insert into public.teams (id, business_id, name) values
  ('00000000-0000-4000-c200-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Stylists'),
  ('00000000-0000-4000-c200-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Workshop');
insert into public.team_members (team_id, business_id, user_id) values
  ('00000000-0000-4000-c200-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-c200-00000000000b', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-a000-000000000b0b');
insert into public.conversation_reads (user_id, conversation_id, business_id) values
  ('00000000-0000-4000-a000-000000000ada', '00000000-0000-4000-d000-00000000000a', '00000000-0000-4000-b000-00000000000a'),
  ('00000000-0000-4000-a000-000000000b0b', '00000000-0000-4000-d000-00000000000b', '00000000-0000-4000-b000-00000000000b');
insert into public.canned_replies (business_id, shortcut, title, content, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'prices', 'Prices', 'A cut is 35 euros.', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', 'prices', 'Prices', 'A service is 60 euros.', '00000000-0000-4000-a000-000000000b0b');
insert into public.notification_preferences (user_id, business_id, quiet_start, quiet_end) values
  ('00000000-0000-4000-a000-000000000ada', '00000000-0000-4000-b000-00000000000a', '22:00', '07:00'),
  ('00000000-0000-4000-a000-000000000b0b', '00000000-0000-4000-b000-00000000000b', null, null);
insert into public.push_subscriptions (user_id, endpoint, p256dh, auth) values
  ('00000000-0000-4000-a000-000000000ada', 'https://push.example.test/ada', 'BAda-p256dh-key-000000', 'ada-auth-0'),
  ('00000000-0000-4000-a000-000000000b0b', 'https://push.example.test/bob', 'BBob-p256dh-key-000000', 'bob-auth-0');
-- widget_settings and ai_settings rows for every business were written by the trigger on businesses.
-- audit_log rows for every business were written by the triggers on businesses, memberships and invitations.

-- Helpers live in a schema of their own that the final rollback removes.
create schema rls_tests;
grant usage on schema rls_tests to authenticated, service_role;

-- Tables in public without a business_id, and the column that says whose each row is: a business's (compared with the
-- viewer's business) or a person's (compared with the viewer). Every other table must carry a business_id.
create table rls_tests.row_owners (tbl name primary key, owner_column name not null, owner text not null check (owner in ('business', 'person')));
insert into rls_tests.row_owners values
  ('businesses', 'id', 'business'),
  ('profiles', 'id', 'person'),
  -- Devices belong to a person, not a business: one phone receives pushes for every business they serve.
  ('push_subscriptions', 'user_id', 'person');
grant select on rls_tests.row_owners to authenticated, service_role;

-- Every table in public: its owner column (business_id unless listed above) and whether it is scoped by business_id.
create function rls_tests.public_tables() returns table (name name, relid oid, tenant boolean, owner_column name, owner text)
language sql stable as $$
  select c.relname, c.oid, t.tenant,
         case when t.tenant then 'business_id'::name else o.owner_column end,
         case when t.tenant then 'business' else o.owner end
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  cross join lateral (
    select exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'business_id' and a.attnum > 0 and not a.attisdropped) as tenant
  ) t
  left join rls_tests.row_owners o on o.tbl = c.relname
  where n.nspname = 'public' and c.relkind in ('r', 'p')
  order by c.relname
$$;

-- The columns that tie a row to its business, found from the catalog: business_id, and every foreign key into a table
-- of the business (one with a business_id, or businesses itself). A key that is `on delete set null` (or set default)
-- is a link that may change instead (an assignee, a team, a lead's latest conversation): deleting its parent rewrites
-- it, so it cannot be frozen.
create function rls_tests.parent_columns() returns table (tbl name, col name)
language sql stable as $$
  select t.name, 'business_id'::name from rls_tests.public_tables() t where t.tenant
  union
  select t.name, a.attname
  from rls_tests.public_tables() t
  join pg_constraint k on k.conrelid = t.relid and k.contype = 'f' and k.confdeltype not in ('n', 'd')
  join rls_tests.public_tables() parent on parent.relid = k.confrelid and (parent.tenant or parent.name = 'businesses')
  join pg_attribute a on a.attrelid = t.relid and a.attnum = any (k.conkey)
  where t.tenant
  order by 1, 2
$$;


-- Runs one statement as whoever is current and always rolls it back; reports `rows:<n>` or the SQLSTATE it failed
-- with (and the message, when asked).
create function rls_tests.attempt(statement text, with_message boolean default false) returns text
language plpgsql as $$
declare
  affected bigint;
begin
  execute statement;
  get diagnostics affected = row_count;
  raise exception using errcode = 'RLSRB', message = 'rows:' || affected;
exception
  when sqlstate 'RLSRB' then return sqlerrm;
  when others then return case when with_message then sqlstate || ': ' || sqlerrm else sqlstate end;
end;
$$;

-- Counts `business`'s rows visible to whoever is current; reports the number or the SQLSTATE it failed with.
create function rls_tests.visible(tbl name, business uuid) returns text
language plpgsql as $$
declare
  n bigint;
begin
  execute format('select count(*) from public.%I where business_id = $1', tbl) into n using business;
  return n::text;
exception when others then
  return sqlstate;
end;
$$;

-- The rows of `tbl` that are not `own`'s (all of them when own is null), as a count and a hash, read past RLS.
create function rls_tests.rows_not_owned_by(tbl name, owner_column name, own text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  result text;
begin
  execute format(
    'select count(*) || '':'' || coalesce(md5(string_agg(r::text, ''|'' order by r::text)), ''-'')
     from (select to_jsonb(t) as r from public.%I t where $1 is null or t.%I::text is distinct from $1) s',
    tbl, owner_column) into result using own;
  return result;
end;
$$;
revoke all on function rls_tests.rows_not_owned_by(name, name, text) from public;
grant execute on function rls_tests.rows_not_owned_by(name, name, text) to authenticated;

-- The probe: fires first on every table (its name sorts before every other trigger's). Outside a write attempt it
-- lets everything through. In one, it skips the viewer's own rows (they may change them; skipping also keeps the
-- table's own checks on them from raising first and hiding a leak) and raises on the first row of anyone else that
-- the UPDATE or DELETE reached, i.e. that its policy let through.
create function rls_tests.probe_write() returns trigger
language plpgsql as $$
declare
  owner_value text := to_jsonb(old) ->> tg_argv[0];
  own text := current_setting('rls_tests.own', true);
begin
  if current_setting('rls_tests.probing', true) is distinct from 'on' then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  if own <> '' and owner_value = own then
    return null;
  end if;
  raise exception '% on % reached a row of %', tg_op, tg_table_name, coalesce(owner_value, 'nobody') using errcode = 'RLSLK';
end;
$$;
do $$
declare
  t record;
begin
  for t in select * from rls_tests.public_tables() p where p.owner_column is not null loop
    execute format('create trigger "0_rls_tests_probe" before update or delete on public.%I for each row
      execute function rls_tests.probe_write(%L)', t.name, t.owner_column);
  end loop;
end;
$$;

-- Runs an UPDATE or DELETE as whoever is current, with the probe on, and always rolls it back. Reports `unchanged`
-- (it reached no one else's row and their rows hash the same after it), `<UPDATE|DELETE> on <table> reached ...` (the
-- probe fired), `changed: ...` (their rows differ afterwards), or the SQLSTATE it failed with.
create function rls_tests.write_attempt(statement text, tbl name, owner_column name, own text) returns text
language plpgsql as $$
declare
  before text := rls_tests.rows_not_owned_by(tbl, owner_column, own);
  after text;
begin
  perform set_config('rls_tests.own', coalesce(own, ''), true);
  perform set_config('rls_tests.probing', 'on', true);
  execute statement;
  after := rls_tests.rows_not_owned_by(tbl, owner_column, own);
  raise exception using errcode = 'RLSRB',
    message = case when after = before then 'unchanged' else format('changed: %s -> %s', before, after) end;
exception
  when sqlstate 'RLSRB' then return sqlerrm;
  when sqlstate 'RLSLK' then return sqlerrm;
  when others then return sqlstate;
end;
$$;

-- One real row of each business per table, taken as superuser, so forged inserts are otherwise valid rows.
create table rls_tests.fixture_rows (tbl name, business_id uuid, row_data jsonb, primary key (tbl, business_id));
grant select on rls_tests.fixture_rows to authenticated, service_role;
do $$
declare
  t name;
begin
  for t in select p.name from rls_tests.public_tables() p where p.tenant loop
    execute format(
      'insert into rls_tests.fixture_rows select %L, x.business_id, to_jsonb(x)
       from (select distinct on (business_id) * from public.%I where business_id is not null order by business_id) x',
      t, t);
  end loop;
end;
$$;

-- Every table's rows before anyone tries anything, to prove at the end that nothing moved.
create table rls_tests.rows_before as
  select p.name as tbl, rls_tests.rows_not_owned_by(p.name, p.owner_column, null) as rows
  from rls_tests.public_tables() p where p.owner_column is not null;

-- Everything `viewer` (a member of `own`, or of nothing) must be refused on `other`'s rows, per table with a
-- business_id; and on every table, UPDATE and DELETE without a WHERE must reach no row but the viewer's own (these do
-- not depend on `other`: `unqualified` false leaves them out of a second call).
create function rls_tests.isolation_checks(viewer text, viewer_id uuid, own uuid, other uuid, unqualified boolean default true)
returns setof text
language plpgsql as $$
declare
  t record;
  own_key text;
  col name;
  cols text;
  forged jsonb;
begin
  for t in select * from rls_tests.public_tables() p where p.owner_column is not null loop
    own_key := case t.owner when 'business' then own::text else viewer_id::text end;
    if unqualified then
      -- The first column the viewer may update: set to its default, which the probe never lets happen (no column is
      -- read, so only the UPDATE policy applies).
      select a.attname into col from pg_attribute a
      where a.attrelid = t.relid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' and a.attidentity = ''
        and has_column_privilege(t.relid, a.attnum, 'update')
      order by a.attnum limit 1;
      return next is(
        rls_tests.write_attempt(format('update public.%I set %I = default', t.name, coalesce(col, t.owner_column)), t.name, t.owner_column, own_key),
        case when col is null then '42501' else 'unchanged' end,
        format('%s''s UPDATE of %s without a WHERE reaches none of anyone else''s rows', viewer, t.name));
      return next is(
        rls_tests.write_attempt(format('delete from public.%I', t.name), t.name, t.owner_column, own_key),
        case when has_table_privilege(t.relid, 'delete') then 'unchanged' else '42501' end,
        format('%s''s DELETE from %s without a WHERE reaches none of anyone else''s rows', viewer, t.name));
    end if;
    continue when not t.tenant;

    if own is not null and has_table_privilege(t.relid, 'select') then
      return next matches(rls_tests.visible(t.name, own), '^[1-9][0-9]*$',
        format('%s sees the rows of their own business in %s (control)', viewer, t.name));
    end if;
    return next matches(rls_tests.visible(t.name, other), '^(0|42501)$',
      format('%s sees none of the other business''s rows in %s', viewer, t.name));
    if own is not null then
      return next matches(
        rls_tests.attempt(format('update public.%I set business_id = %L where business_id = %L', t.name, other, own)),
        '^(rows:0|42501)$', format('%s cannot move their own rows in %s into the other business', viewer, t.name));
    end if;
    select string_agg(quote_ident(a.attname), ', ' order by a.attnum) into cols
    from pg_attribute a
    where a.attrelid = t.relid and a.attnum > 0 and not a.attisdropped
      and a.attidentity <> 'a' and a.attgenerated = '';
    select f.row_data into forged from rls_tests.fixture_rows f where f.tbl = t.name and f.business_id = other;
    return next is(
      rls_tests.attempt(format('insert into public.%I (%s) select %s from jsonb_populate_record(null::public.%I, %L)',
        t.name, cols, cols, t.name, forged)),
      '42501', format('%s cannot insert a row into %s for the other business', viewer, t.name));
  end loop;
end;
$$;

-- The catalog, as superuser.
select cmp_ok((select count(*)::int from rls_tests.public_tables()), '>=', 12, 'the public tables are enumerated from the catalog');


select ok(p.tenant or p.owner_column is not null,
          format('%s is scoped by business_id, or listed in rls_tests.row_owners with the column saying whose its rows are', p.name))
from rls_tests.public_tables() p;

select ok(
  (select count(*) from rls_tests.fixture_rows f where f.tbl = p.name
     and f.business_id in ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-b000-00000000000b')) = 2,
  format('%s has a fixture row for both Ada''s Salon and Bob''s Bikes (add one above for a new table)', p.name))
from rls_tests.public_tables() p
where p.tenant;


-- And it holds against the service role too (every service path): each parent column of Ada's row, set to Bob's.
set local role service_role;
select is(
  rls_tests.attempt(format('update public.%I set %I = %L::%s where ctid = (select ctid from public.%I where business_id = %L limit 1)',
    pc.tbl, pc.col, b.row_data ->> pc.col, format_type(a.atttypid, a.atttypmod), pc.tbl, '00000000-0000-4000-b000-00000000000a'), true),
  format('42501: %s.%s cannot change: a row stays with the business and parent it was created under', pc.tbl, pc.col),
  format('the service role cannot change %s.%s of a row', pc.tbl, pc.col))
from rls_tests.parent_columns() pc
join pg_attribute a on a.attrelid = format('public.%I', pc.tbl)::regclass and a.attname = pc.col
join rls_tests.fixture_rows b on b.tbl = pc.tbl and b.business_id = '00000000-0000-4000-b000-00000000000b'
order by pc.tbl, pc.col;
reset role;

-- The finding this guard answers (issue 19, 2): Carol, an agent at Ada's Salon who owns Carol's Cuts, belongs to
-- both businesses, so every policy's check passes; the trigger alone stops her moving Ada's rows into her business.
set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select is(rls_tests.attempt(format('update public.%I set business_id = %L where business_id = %L',
    t, '00000000-0000-4000-b000-00000000000c', '00000000-0000-4000-b000-00000000000a'), true),
  format('42501: %s.business_id cannot change: a row stays with the business and parent it was created under', t),
  format('Carol, in both businesses, cannot move Ada''s %s into Carol''s Cuts', t))
from unnest(array['contacts', 'conversations', 'leads']) as t;
select matches(rls_tests.attempt(format('update public.%I set business_id = %L where business_id = %L',
    p.name, '00000000-0000-4000-b000-00000000000c', '00000000-0000-4000-b000-00000000000a')),
  '^(rows:0|42501)$', format('Carol moves no row of %s from Ada''s Salon into Carol''s Cuts', p.name))
from rls_tests.public_tables() p
where p.tenant;

-- Ada against Bob's Bikes.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select * from rls_tests.isolation_checks('Ada', '00000000-0000-4000-a000-000000000ada',
  '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-b000-00000000000b');

select results_eq('select id from public.businesses', $$values ('00000000-0000-4000-b000-00000000000a'::uuid)$$,
  'Ada sees her own business and not Bob''s');
select is(rls_tests.attempt($$update public.businesses set name = 'Taken over' where id = '00000000-0000-4000-b000-00000000000b'$$),
  'rows:0', 'Ada cannot update Bob''s business');
select is(rls_tests.attempt($$delete from public.businesses where id = '00000000-0000-4000-b000-00000000000b'$$),
  'rows:0', 'Ada cannot delete Bob''s business');
select is(rls_tests.attempt($$insert into public.businesses (name, vertical, time_zone, currency, created_by)
  values ('Bob''s Other Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b')$$),
  '42501', 'Ada cannot create a business in Bob''s name');

select set_eq('select id from public.profiles',
  $$values ('00000000-0000-4000-a000-000000000ada'::uuid), ('00000000-0000-4000-a000-0000000ca201'), ('00000000-0000-4000-a000-000000000da0')$$,
  'Ada sees her own profile and her teammates'', never Bob''s or Eve''s');
select is(rls_tests.attempt($$update public.profiles set full_name = 'Hacked' where id = '00000000-0000-4000-a000-000000000b0b'$$),
  'rows:0', 'Ada cannot update Bob''s profile');
select is(rls_tests.attempt($$update public.profiles set full_name = 'Carol the Great' where id = '00000000-0000-4000-a000-0000000ca201'$$),
  'rows:0', 'Ada cannot update a teammate''s profile');
select is(rls_tests.attempt($$delete from public.profiles where id = '00000000-0000-4000-a000-000000000b0b'$$),
  '42501', 'Ada cannot delete profiles');
select is(rls_tests.attempt($$insert into public.profiles (id, email) values ('00000000-0000-4000-a000-000000000e5e', 'eve@forged.test')$$),
  '42501', 'Ada cannot insert profiles');

-- Push subscriptions belong to a person, not a business: Ada sees and changes only her own devices.
select results_eq('select endpoint from public.push_subscriptions', $$values ('https://push.example.test/ada')$$,
  'Ada sees only her own push subscriptions');
select is(rls_tests.attempt($$delete from public.push_subscriptions where endpoint = 'https://push.example.test/bob'$$),
  'rows:0', 'Ada cannot delete Bob''s push subscription');
select is(rls_tests.attempt($$update public.push_subscriptions set endpoint = 'https://evil.test/x' where endpoint = 'https://push.example.test/bob'$$),
  '42501', 'Ada cannot redirect Bob''s pushes');
select is(rls_tests.attempt($$update public.push_subscriptions set endpoint = 'https://10.0.0.5/x' where endpoint = 'https://push.example.test/ada'$$),
  '42501', 'nor point her own device at an address of her choosing: devices are registered through the app only');
select is(rls_tests.attempt($$insert into public.push_subscriptions (user_id, endpoint, p256dh, auth)
  values ('00000000-0000-4000-a000-000000000b0b', 'https://evil.test/bob', 'BForged-p256dh-00000000', 'forged-auth')$$),
  '42501', 'Ada cannot subscribe a device in Bob''s name');

-- Bob against Ada's Salon.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000b0b","role":"authenticated"}';
select * from rls_tests.isolation_checks('Bob', '00000000-0000-4000-a000-000000000b0b',
  '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-b000-00000000000a');
select results_eq('select id from public.businesses', $$values ('00000000-0000-4000-b000-00000000000b'::uuid)$$,
  'Bob sees his own business and not Ada''s');
select results_eq('select id from public.profiles', $$values ('00000000-0000-4000-a000-000000000b0b'::uuid)$$,
  'Bob, alone in his business, sees only his own profile');

-- Eve belongs nowhere: she reaches no row of either business (her own profile is hers; she has no device).
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000e5e","role":"authenticated"}';
select * from rls_tests.isolation_checks('Eve', '00000000-0000-4000-a000-000000000e5e',
  null, '00000000-0000-4000-b000-00000000000a');
select * from rls_tests.isolation_checks('Eve', '00000000-0000-4000-a000-000000000e5e',
  null, '00000000-0000-4000-b000-00000000000b', unqualified => false);
select is_empty('select id from public.businesses', 'Eve sees no business');

-- Back to superuser: every attempt above left every table's rows as they were.
reset role;
set local request.jwt.claims = '';
select is(rls_tests.rows_not_owned_by(b.tbl, p.owner_column, null), b.rows, format('the rows of %s are intact', b.tbl))
from rls_tests.rows_before b join rls_tests.public_tables() p on p.name = b.tbl
order by b.tbl;
select results_eq($$select name from public.businesses order by name$$, $$values ('Ada''s Salon'), ('Bob''s Bikes'), ('Carol''s Cuts')$$,
  'the businesses are unchanged');
select results_eq($$select full_name from public.profiles where id = '00000000-0000-4000-a000-000000000b0b'$$,
  $$values ('Bob Marley')$$, 'Bob''s profile is unchanged');

select * from finish();
rollback;
