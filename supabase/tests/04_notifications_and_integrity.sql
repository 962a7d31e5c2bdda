-- Why: notifications are personal (a teammate's are not yours, and leaving a business ends what you see of it), and a
-- child row must point at a parent of its own business, even when the service role or a superuser writes it, since
-- those bypass RLS.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select plan(23);

insert into auth.users (id, email, raw_user_meta_data) values
  ('00000000-0000-4000-a000-000000000ada', 'ada@salon.test', '{"full_name":"Ada Lovelace"}'),
  ('00000000-0000-4000-a000-0000000ca201', 'carol@salon.test', '{"full_name":"Carol O''Neill"}'),
  ('00000000-0000-4000-a000-000000000b0b', 'bob@bikes.test', '{"full_name":"Bob Marley"}');
insert into public.businesses (id, name, vertical, time_zone, currency, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b');
insert into public.memberships (business_id, user_id, role) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000ca201', 'agent');
insert into public.contacts (id, business_id, name) values
  ('00000000-0000-4000-c000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Grace Hopper'),
  ('00000000-0000-4000-c000-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Linus Pauling');
insert into public.conversations (id, business_id, contact_id, channel) values
  ('00000000-0000-4000-d000-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'sms'),
  ('00000000-0000-4000-d000-00000000000b', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000b', 'email');
insert into public.messages (business_id, conversation_id, channel, role, content) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'sms', 'customer', 'Can I move my booking?');
-- Carol once worked at the bikes shop too; that notification stays hidden now that she does not.
insert into public.notifications (id, business_id, user_id, type, title) values
  ('00000000-0000-4000-f000-0000000000a1', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000ada', 'escalation', 'For Ada 1'),
  ('00000000-0000-4000-f000-0000000000a2', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000ada', 'digest', 'For Ada 2'),
  ('00000000-0000-4000-f000-0000000000c1', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000ca201', 'escalation', 'For Carol'),
  ('00000000-0000-4000-f000-0000000000c2', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-a000-0000000ca201', 'escalation', 'For Carol at the bikes shop'),
  ('00000000-0000-4000-f000-0000000000b1', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-a000-000000000b0b', 'escalation', 'For Bob');

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

set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select set_eq('select title from public.notifications', array['For Ada 1', 'For Ada 2'], 'Ada sees her own notifications only');

set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select set_eq('select title from public.notifications', array['For Carol'],
  'Carol sees hers, not her owner''s, nor those of a business she no longer belongs to');
select is(rls_tests.attempt($$update public.notifications set read_at = now() where id = '00000000-0000-4000-f000-0000000000c1'$$),
  'rows:1', 'Carol marks her notification read');
select is(rls_tests.attempt($$update public.notifications set read_at = now() where id = '00000000-0000-4000-f000-0000000000a1'$$),
  'rows:0', 'Carol cannot mark Ada''s notification read');
select is(rls_tests.attempt($$update public.notifications set user_id = '00000000-0000-4000-a000-000000000ada'
  where id = '00000000-0000-4000-f000-0000000000c1'$$), '42501', 'Carol cannot hand her notification to Ada');
select is(rls_tests.attempt($$insert into public.notifications (business_id, user_id, type, title)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000ada', 'escalation', 'Fake alarm')$$),
  '42501', 'members cannot create notifications');
select is(rls_tests.attempt($$delete from public.notifications where id = '00000000-0000-4000-f000-0000000000c1'$$),
  '42501', 'members cannot delete notifications');

set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000b0b","role":"authenticated"}';
select set_eq('select title from public.notifications', array['For Bob'], 'Bob sees his own notification only');

reset role;
set local request.jwt.claims = '';
select isnt((select read_at from public.notifications where id = '00000000-0000-4000-f000-0000000000c1'), null,
  'Carol''s notification is read');
select is((select read_at from public.notifications where id = '00000000-0000-4000-f000-0000000000a1'), null,
  'Ada''s notification is still unread');

-- Same-business parents, as superuser (what migrations and seeds run as).
select throws_ok($$insert into public.conversations (business_id, contact_id, channel)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000a', 'sms')$$,
  '23514', 'conversations row points at another business''s parent',
  'a superuser cannot open a conversation in the bikes shop with the salon''s contact');
select throws_ok($$insert into public.messages (business_id, conversation_id, channel, role, content)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-d000-00000000000a', 'sms', 'customer', 'Hi')$$,
  '23514', 'messages row points at another business''s parent',
  'a superuser cannot post a bikes shop message into the salon''s conversation');
select throws_ok($$insert into public.contact_identities (business_id, contact_id, channel, external_id)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000a', 'sms', '+447700900123')$$,
  '23514', 'contact_identities row points at another business''s parent',
  'a superuser cannot attach a bikes shop identity to the salon''s contact');

-- And as the service role, which the webhooks and jobs use and which bypasses RLS.
set local role service_role;
set local request.jwt.claims = '{"role":"service_role"}';
select throws_ok($$insert into public.conversations (business_id, contact_id, channel)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000a', 'sms')$$,
  '23514', 'conversations row points at another business''s parent',
  'the service role cannot open a conversation in the bikes shop with the salon''s contact');
select throws_ok($$update public.conversations set contact_id = '00000000-0000-4000-c000-00000000000a'
  where id = '00000000-0000-4000-d000-00000000000b'$$,
  '42501', 'conversations.contact_id cannot change: a row stays with the business and parent it was created under',
  'the service role cannot repoint a bikes shop conversation at the salon''s contact');
select throws_ok($$insert into public.messages (business_id, conversation_id, channel, role, content)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-d000-00000000000a', 'sms', 'ai', 'Hello from the bot')$$,
  '23514', 'messages row points at another business''s parent',
  'the service role cannot post a bikes shop message into the salon''s conversation');
select throws_ok($$update public.messages set business_id = '00000000-0000-4000-b000-00000000000b'
  where conversation_id = '00000000-0000-4000-d000-00000000000a'$$,
  '42501', 'messages.business_id cannot change: a row stays with the business and parent it was created under',
  'the service role cannot move the salon''s message to the bikes shop');
select throws_ok($$insert into public.notifications (business_id, user_id, type, title, conversation_id)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-a000-000000000b0b', 'escalation', 'Look',
          '00000000-0000-4000-d000-00000000000a')$$,
  '23514', 'notifications row points at another business''s parent',
  'the service role cannot point a bikes shop notification at the salon''s conversation');
select throws_ok($$insert into public.ai_usage (business_id, conversation_id, task, provider, model, outcome)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-d000-00000000000a', 'reply', 'offline', 'offline-1', 'ok')$$,
  '23514', 'ai_usage row points at another business''s parent',
  'the service role cannot log bikes shop AI usage against the salon''s conversation');
select lives_ok($$insert into public.conversations (business_id, contact_id, channel)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000b', 'sms')$$,
  'the service role opens a conversation with the bikes shop''s own contact');
select lives_ok($$insert into public.messages (business_id, conversation_id, channel, role, content)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-d000-00000000000b', 'email', 'ai', 'Hello from the bot')$$,
  'the service role posts an AI reply into the bikes shop''s own conversation');

reset role;
set local request.jwt.claims = '';
select results_eq($$select count(*)::int from public.conversations where contact_id = '00000000-0000-4000-c000-00000000000a'$$,
  array[1], 'the salon''s contact is still in its one conversation');
select results_eq($$select count(*)::int from public.messages where business_id = '00000000-0000-4000-b000-00000000000b'$$,
  array[1], 'only the legitimate message reached the bikes shop');

select * from finish();
rollback;
