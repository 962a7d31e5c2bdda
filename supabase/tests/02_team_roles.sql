-- Why: inside one business, roles decide who may do what. Agents answer customers but do not run the business; admins
-- run the team but cannot touch the owner role; a business always keeps an owner, and ownership moves only by an
-- owner promoting someone and then leaving.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select plan(45);

-- Ada's Salon (A): Ada and Olivia own it, Dan is an admin, Carol an agent. Dan also owns Dan's Deli (C).
insert into auth.users (id, email, raw_user_meta_data) values
  ('00000000-0000-4000-a000-000000000ada', 'ada@salon.test', '{"full_name":"Ada Lovelace"}'),
  ('00000000-0000-4000-a000-0000000011a0', 'olivia@salon.test', '{"full_name":"Olivia Pope"}'),
  ('00000000-0000-4000-a000-000000000da0', 'dan@salon.test', '{"full_name":"Dan Brown"}'),
  ('00000000-0000-4000-a000-0000000ca201', 'carol@salon.test', '{"full_name":"Carol O''Neill"}'),
  ('00000000-0000-4000-a000-000000000e5e', 'eve@nowhere.test', '{"full_name":"Eve Outsider"}');
insert into public.businesses (id, name, vertical, time_zone, currency, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000c', 'Dan''s Deli', 'retail', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000da0');
insert into public.memberships (business_id, user_id, role) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000011a0', 'owner'),
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000da0', 'admin'),
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000ca201', 'agent');
insert into public.contacts (id, business_id, name) values
  ('00000000-0000-4000-c000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Grace Hopper');
insert into public.conversations (id, business_id, contact_id, channel, status) values
  ('00000000-0000-4000-d000-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'widget', 'needs_human');
insert into public.messages (business_id, conversation_id, channel, role, content) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'widget', 'customer', 'Is Saturday 10:00 free?');
insert into public.email_outbox (business_id, kind, to_email, subject, body_text) values
  ('00000000-0000-4000-b000-00000000000a', 'digest', 'ada@salon.test', 'Your day', '3 bookings');
insert into public.ai_usage (business_id, task, provider, model, outcome) values
  ('00000000-0000-4000-b000-00000000000a', 'reply', 'offline', 'offline-1', 'ok');
insert into public.invitations (id, business_id, email, role, token_hash, expires_at, invited_by) values
  ('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'new@salon.test', 'agent',
   encode(extensions.digest('team-roles-agent-invite', 'sha256'), 'hex'), now() + interval '7 days', '00000000-0000-4000-a000-000000000da0');

create schema rls_tests;
grant usage on schema rls_tests to authenticated;
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
-- The SQLSTATE and hint a statement fails with (the app maps the hint to a message).
create function rls_tests.failure_of(statement text) returns text
language plpgsql as $$
declare
  state text;
  hint text;
begin
  execute statement;
  return 'no error';
exception when others then
  get stacked diagnostics state = returned_sqlstate, hint = pg_exception_hint;
  return state || '/' || coalesce(nullif(hint, ''), '-');
end;
$$;

select ok((select count(*) from public.audit_log where business_id = '00000000-0000-4000-b000-00000000000a') > 0,
  'the salon has an audit trail to hide from agents');

-- Carol, an agent.
set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';

select is(rls_tests.attempt($$update public.businesses set name = 'Carol''s Salon' where id = '00000000-0000-4000-b000-00000000000a'$$),
  'rows:0', 'an agent cannot update the business');
select throws_ok($$insert into public.memberships (business_id, user_id, role)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000e5e', 'agent')$$,
  '42501', 'permission denied for table memberships', 'an agent cannot add a member (people join by invitation only)');
select is(rls_tests.attempt($$update public.memberships set role = 'agent' where user_id = '00000000-0000-4000-a000-000000000da0'$$),
  'rows:0', 'an agent cannot change a member''s role');
select is(rls_tests.attempt($$update public.memberships set role = 'admin' where user_id = '00000000-0000-4000-a000-0000000ca201'$$),
  'rows:0', 'an agent cannot promote herself');
select is(rls_tests.attempt($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000da0'$$),
  'rows:0', 'an agent cannot remove a member');
select throws_ok($$insert into public.invitations (business_id, role, token_hash, expires_at)
  values ('00000000-0000-4000-b000-00000000000a', 'agent', 'carol-made-this', now() + interval '1 day')$$,
  '42501', 'new row violates row-level security policy for table "invitations"', 'an agent cannot create an invitation');
select is_empty('select id from public.invitations', 'an agent cannot read invitations');
select is_empty('select id from public.audit_log', 'an agent cannot read the audit log');
select is_empty('select id from public.email_outbox', 'an agent cannot read the email outbox');
select is_empty('select id from public.ai_usage', 'an agent cannot read AI usage');
select is(rls_tests.attempt($$delete from public.contacts where id = '00000000-0000-4000-c000-00000000000a'$$),
  'rows:0', 'an agent cannot delete a contact');
select results_eq('select id from public.conversations', $$values ('00000000-0000-4000-d000-00000000000a'::uuid)$$,
  'an agent reads the conversations');
select results_eq('select content from public.messages', $$values ('Is Saturday 10:00 free?')$$, 'an agent reads the messages');
select lives_ok($$insert into public.messages (business_id, conversation_id, channel, role, content, author_id)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'widget', 'agent', 'Yes, see you then!',
          '00000000-0000-4000-a000-0000000ca201')$$, 'an agent replies in her own name');
select throws_ok($$insert into public.messages (business_id, conversation_id, channel, role, content, author_id)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'widget', 'ai', 'I am the bot',
          '00000000-0000-4000-a000-0000000ca201')$$,
  '42501', 'new row violates row-level security policy for table "messages"', 'an agent cannot write as the AI');
select throws_ok($$insert into public.messages (business_id, conversation_id, channel, role, content, author_id)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'widget', 'customer', 'Cancel everything',
          '00000000-0000-4000-a000-0000000ca201')$$,
  '42501', 'new row violates row-level security policy for table "messages"', 'an agent cannot write as the customer');
select throws_ok($$insert into public.messages (business_id, conversation_id, channel, role, content, author_id)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'widget', 'agent', 'Signed, Ada',
          '00000000-0000-4000-a000-000000000ada')$$,
  '42501', 'new row violates row-level security policy for table "messages"', 'an agent cannot write in a teammate''s name');

-- Dan, an admin of the salon (and owner of Dan's Deli).
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000da0","role":"authenticated"}';

select throws_ok($$insert into public.memberships (business_id, user_id, role)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000e5e', 'owner')$$,
  '42501', 'permission denied for table memberships', 'an admin cannot add an owner');
select throws_ok($$update public.memberships set role = 'owner' where user_id = '00000000-0000-4000-a000-0000000ca201'$$,
  '42501', 'only an owner can grant, change or remove the owner role', 'an admin cannot promote a member to owner');
select throws_ok($$update public.memberships set role = 'owner' where user_id = '00000000-0000-4000-a000-000000000da0'
  and business_id = '00000000-0000-4000-b000-00000000000a'$$,
  '42501', 'only an owner can grant, change or remove the owner role', 'an admin cannot promote himself to owner');
select throws_ok($$update public.memberships set role = 'admin' where user_id = '00000000-0000-4000-a000-000000000ada'$$,
  '42501', 'only an owner can grant, change or remove the owner role', 'an admin cannot demote an owner');
select throws_ok($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000ada'$$,
  '42501', 'only an owner can grant, change or remove the owner role', 'an admin cannot remove an owner');
select throws_ok($$update public.memberships set business_id = '00000000-0000-4000-b000-00000000000c', role = 'agent'
  where user_id = '00000000-0000-4000-a000-0000000011a0' and business_id = '00000000-0000-4000-b000-00000000000a'$$,
  '42501', 'permission denied for table memberships',
  'an admin who owns another business cannot move an owner out of the salon');
select throws_ok($$update public.memberships set user_id = '00000000-0000-4000-a000-000000000e5e'
  where user_id = '00000000-0000-4000-a000-0000000ca201'$$,
  '42501', 'permission denied for table memberships', 'an admin cannot hand a membership to someone else');
select throws_ok($$insert into public.invitations (business_id, role, token_hash, expires_at)
  values ('00000000-0000-4000-b000-00000000000a', 'owner', 'dan-owner-invite', now() + interval '1 day')$$,
  '42501', 'new row violates row-level security policy for table "invitations"', 'an admin cannot invite an owner');
select throws_ok($$update public.invitations set role = 'owner' where id = '00000000-0000-4000-e000-00000000000a'$$,
  '42501', 'permission denied for table invitations',
  'an admin cannot raise an existing invitation to owner');
select lives_ok($$insert into public.invitations (business_id, role, token_hash, expires_at)
  values ('00000000-0000-4000-b000-00000000000a', 'admin', 'dan-admin-invite', now() + interval '1 day')$$,
  'an admin invites an admin');
select throws_ok($$insert into public.memberships (business_id, user_id, role)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000e5e', 'agent')$$,
  '42501', 'permission denied for table memberships', 'an admin cannot add a member directly either');
-- Eve joins the way people do, by accepting an invitation (done here as the superuser), and Dan manages her.
reset role;
insert into public.memberships (business_id, user_id, role)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000e5e', 'agent');
set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000da0","role":"authenticated"}';
select is(rls_tests.attempt($$update public.memberships set role = 'admin' where user_id = '00000000-0000-4000-a000-000000000e5e'$$),
  'rows:1', 'an admin promotes an agent to admin');
select is(rls_tests.attempt($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000e5e'$$),
  'rows:1', 'an admin removes a non-owner');
select is(rls_tests.attempt($$update public.businesses set time_zone = 'Europe/Lisbon' where id = '00000000-0000-4000-b000-00000000000a'$$),
  'rows:1', 'an admin updates the business settings');
select is(rls_tests.attempt($$delete from public.businesses where id = '00000000-0000-4000-b000-00000000000a'$$),
  'rows:0', 'an admin cannot delete the business');

-- Ada, an owner.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';

select is(rls_tests.attempt($$delete from public.memberships where user_id = '00000000-0000-4000-a000-0000000011a0'$$),
  'rows:1', 'an owner removes another owner');
select is(rls_tests.failure_of($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000ada'$$),
  'P0001/last_owner', 'the last owner cannot leave (hint last_owner)');
select throws_ok($$update public.memberships set role = 'admin' where user_id = '00000000-0000-4000-a000-000000000ada'$$,
  'P0001', 'a business must keep at least one owner', 'the last owner cannot demote herself');
select results_eq($$select user_id from public.memberships where role = 'owner'$$,
  $$values ('00000000-0000-4000-a000-000000000ada'::uuid)$$, 'Ada is still the owner');
select lives_ok($$update public.memberships set role = 'owner' where user_id = '00000000-0000-4000-a000-000000000da0'
  and business_id = '00000000-0000-4000-b000-00000000000a'$$, 'an owner promotes the admin to owner');
select lives_ok($$delete from public.memberships where user_id = '00000000-0000-4000-a000-000000000ada'$$,
  'with another owner in place, she leaves');
select is_empty('select id from public.businesses', 'having left, Ada no longer sees the salon');

-- Dan, now the only owner.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000da0","role":"authenticated"}';
select set_eq($$select user_id::text || ':' || role from public.memberships where business_id = '00000000-0000-4000-b000-00000000000a'$$,
  array['00000000-0000-4000-a000-000000000da0:owner', '00000000-0000-4000-a000-0000000ca201:agent'],
  'ownership moved to Dan; Carol is still an agent');
select is(rls_tests.failure_of($$update public.memberships set role = 'agent' where user_id = '00000000-0000-4000-a000-000000000da0'
  and business_id = '00000000-0000-4000-b000-00000000000a'$$), 'P0001/last_owner', 'the new owner is now the one who cannot step down');

-- Carol leaves of her own accord.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select is(rls_tests.attempt($$delete from public.memberships where user_id = '00000000-0000-4000-a000-0000000ca201'$$),
  'rows:1', 'an agent may leave the team');

reset role;
set local request.jwt.claims = '';
select results_eq($$select action || ' ' || entity || ' ' || (details ->> 'role') from public.audit_log
    where business_id = '00000000-0000-4000-b000-00000000000a' and entity = 'memberships' and actor_id = '00000000-0000-4000-a000-000000000ada'
    order by id$$,
  $$values ('delete memberships owner'), ('update memberships owner'), ('delete memberships owner')$$,
  'the audit trail records what Ada did to the team, in order');
select is((select name from public.businesses where id = '00000000-0000-4000-b000-00000000000a'), 'Ada''s Salon',
  'nobody renamed the salon');

select * from finish();
rollback;
