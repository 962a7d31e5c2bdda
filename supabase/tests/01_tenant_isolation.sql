-- Why: RLS is the wall between businesses. This file lists the tables in `public` from the catalog, so a table added
-- later is checked too: it must have RLS, give anon nothing, and either carry a business_id (then it needs a fixture
-- row for both businesses below, or this file fails) or get its own assertions here like businesses and profiles.
-- Ada owns Ada's Salon (A), Bob owns Bob's Bikes (B); each must not see, change, delete or forge the other's rows.
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
  ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b');
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
-- widget_settings and ai_settings rows for both businesses were written by the trigger on businesses.
-- audit_log rows for both businesses were written by the triggers on businesses, memberships and invitations.

-- Helpers live in a schema of their own that the final rollback removes.
create schema rls_tests;
grant usage on schema rls_tests to authenticated;

create function rls_tests.public_tables() returns table (name name, relid oid, tenant boolean)
language sql stable as $$
  select c.relname, c.oid,
         exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'business_id' and a.attnum > 0 and not a.attisdropped)
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p')
  order by c.relname
$$;

-- Runs one statement as whoever is current; reports `rows:<n>` or the SQLSTATE it failed with.
create function rls_tests.attempt(statement text) returns text
language plpgsql as $$
declare
  affected bigint;
begin
  execute statement;
  get diagnostics affected = row_count;
  return 'rows:' || affected;
exception when others then
  return sqlstate;
end;
$$;

-- Counts rows visible to whoever is current; reports the number or the SQLSTATE it failed with.
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

-- One real row of each business per table, taken as superuser, so forged inserts are otherwise valid rows.
create table rls_tests.fixture_rows (tbl name, business_id uuid, row_data jsonb, primary key (tbl, business_id));
grant select on rls_tests.fixture_rows to authenticated;
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

-- The rows each business has before anyone tries anything, to prove afterwards that nothing moved.
create table rls_tests.counts_before as
  select f.tbl, f.business_id, rls_tests.visible(f.tbl, f.business_id) as n from rls_tests.fixture_rows f;

-- Everything `viewer` (a member of `own`) must be refused on `other`'s rows, per table with a business_id.
create function rls_tests.isolation_checks(viewer text, own uuid, other uuid) returns setof text
language plpgsql as $$
declare
  t name;
  cols text;
  forged jsonb;
begin
  for t in select p.name from rls_tests.public_tables() p where p.tenant loop
    if has_table_privilege(format('public.%I', t), 'select') then
      return next matches(rls_tests.visible(t, own), '^[1-9][0-9]*$',
        format('%s sees the rows of their own business in %s (control)', viewer, t));
    end if;
    return next matches(rls_tests.visible(t, other), '^(0|42501)$',
      format('%s sees none of the other business''s rows in %s', viewer, t));
    return next matches(
      rls_tests.attempt(format('update public.%I set business_id = business_id where business_id = %L', t, other)),
      '^(rows:0|42501)$', format('%s cannot update the other business''s rows in %s', viewer, t));
    return next matches(
      rls_tests.attempt(format('update public.%I set business_id = %L where business_id = %L', t, other, own)),
      '^(rows:0|42501|23514)$', format('%s cannot move their own rows in %s into the other business', viewer, t));
    return next matches(
      rls_tests.attempt(format('delete from public.%I where business_id = %L', t, other)),
      '^(rows:0|42501)$', format('%s cannot delete the other business''s rows in %s', viewer, t));
    select string_agg(quote_ident(a.attname), ', ' order by a.attnum) into cols
    from pg_attribute a
    where a.attrelid = format('public.%I', t)::regclass and a.attnum > 0 and not a.attisdropped
      and a.attidentity <> 'a' and a.attgenerated = '';
    select f.row_data into forged from rls_tests.fixture_rows f where f.tbl = t and f.business_id = other;
    return next is(
      rls_tests.attempt(format('insert into public.%I (%s) select %s from jsonb_populate_record(null::public.%I, %L)',
        t, cols, cols, t, forged)),
      '42501', format('%s cannot insert a row into %s for the other business', viewer, t));
  end loop;
end;
$$;

-- The catalog, as superuser.
select cmp_ok((select count(*)::int from rls_tests.public_tables()), '>=', 12, 'the public tables are enumerated from the catalog');

select ok(c.relrowsecurity, format('%s has row-level security enabled', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p')
order by c.relname;

select ok(not has_table_privilege('anon', c.oid, 'select, insert, update, delete, truncate, references, trigger'),
          format('anon has no privileges on %s', c.relname))
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'public' and c.relkind in ('r', 'p')
order by c.relname;

select ok(p.tenant or p.name in ('businesses', 'profiles', 'push_subscriptions'),
          format('%s is scoped by business_id, or has its own isolation assertions in this file', p.name))
from rls_tests.public_tables() p;

select ok(
  (select count(*) from rls_tests.fixture_rows f where f.tbl = p.name
     and f.business_id in ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-b000-00000000000b')) = 2,
  format('%s has a fixture row for both Ada''s Salon and Bob''s Bikes (add one above for a new table)', p.name))
from rls_tests.public_tables() p
where p.tenant;

-- Ada against Bob's Bikes.
set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select * from rls_tests.isolation_checks('Ada', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-b000-00000000000b');

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
select * from rls_tests.isolation_checks('Bob', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-b000-00000000000a');
select results_eq('select id from public.businesses', $$values ('00000000-0000-4000-b000-00000000000b'::uuid)$$,
  'Bob sees his own business and not Ada''s');
select results_eq('select id from public.profiles', $$values ('00000000-0000-4000-a000-000000000b0b'::uuid)$$,
  'Bob, alone in his business, sees only his own profile');

-- Eve belongs nowhere and sees nothing.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000e5e","role":"authenticated"}';
select is(rls_tests.visible(p.name, f.business_id), '0', format('Eve, a member of nothing, sees none of %s''s rows in %s',
  case f.business_id when '00000000-0000-4000-b000-00000000000a' then 'Ada''s Salon' else 'Bob''s Bikes' end, p.name))
from rls_tests.public_tables() p join rls_tests.fixture_rows f on f.tbl = p.name
where p.tenant and has_table_privilege(p.relid, 'select')
order by p.name, f.business_id;
select is_empty('select id from public.businesses', 'Eve sees no business');

-- Back to superuser: every attempt above left both businesses' rows as they were.
reset role;
set local request.jwt.claims = '';
select is(rls_tests.visible(b.tbl, b.business_id), b.n, format('%s rows of %s are intact', b.tbl,
    case b.business_id when '00000000-0000-4000-b000-00000000000a' then 'Ada''s Salon' else 'Bob''s Bikes' end))
from rls_tests.counts_before b
order by b.tbl, b.business_id;
select results_eq($$select name from public.businesses order by name$$, $$values ('Ada''s Salon'), ('Bob''s Bikes')$$,
  'both businesses are unchanged');
select results_eq($$select full_name from public.profiles where id = '00000000-0000-4000-a000-000000000b0b'$$,
  $$values ('Bob Marley')$$, 'Bob''s profile is unchanged');

select * from finish();
rollback;
