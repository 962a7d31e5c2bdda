-- Why: the inbox's rules that hold in the database itself, whoever calls it: a take-over is a conditional update, so
-- of two take-overs only the first changes the row; conversations are assigned only to people and teams of their own
-- business; members notify only fellow members, only with mention/assignment notifications; a staff reply's email goes
-- only to the conversation's own contact; suggestion outcomes are recorded once, by members; owners manage canned
-- replies and teams while agents read them; read markers and notification preferences are each person's own.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select plan(26);

insert into auth.users (id, email, raw_user_meta_data) values
  ('00000000-0000-4000-a000-000000000ada', 'ada@salon.test', '{"full_name":"Ada Lovelace"}'),
  ('00000000-0000-4000-a000-0000000ca201', 'carol@salon.test', '{"full_name":"Carol O''Neill"}'),
  ('00000000-0000-4000-a000-000000000b0b', 'bob@bikes.test', '{"full_name":"Bob Marley"}');
insert into public.businesses (id, name, vertical, time_zone, currency, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b');
insert into public.memberships (business_id, user_id, role) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000ca201', 'agent');
insert into public.contacts (id, business_id, name, email) values
  ('00000000-0000-4000-c000-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Grace Hopper', 'grace@example.test'),
  ('00000000-0000-4000-c000-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Linus Pauling', 'linus@example.test');
insert into public.conversations (id, business_id, contact_id, channel, status) values
  ('00000000-0000-4000-d000-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'widget', 'needs_human'),
  ('00000000-0000-4000-d000-00000000000b', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c000-00000000000b', 'widget', 'needs_human');
insert into public.teams (id, business_id, name) values
  ('00000000-0000-4000-c200-00000000000a', '00000000-0000-4000-b000-00000000000a', 'Stylists'),
  ('00000000-0000-4000-c200-00000000000b', '00000000-0000-4000-b000-00000000000b', 'Workshop');
insert into public.ai_usage (id, business_id, conversation_id, task, provider, model, outcome) values
  ('00000000-0000-4000-e000-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'copilot', 'offline', 'offline-1', 'ok'),
  ('00000000-0000-4000-e000-00000000000b', '00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-d000-00000000000b', 'copilot', 'offline', 'offline-1', 'ok');

create function pg_temp.attempt(statement text) returns text language plpgsql as $$
declare affected bigint;
begin
  execute statement;
  get diagnostics affected = row_count;
  return 'rows:' || affected;
exception when others then
  return sqlstate;
end;
$$;

set local role authenticated;

-- Take-over: the statement the app runs, twice. The first changes the row, the second finds nothing to change.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select is(pg_temp.attempt($$update public.conversations set status = 'human', assignee_id = '00000000-0000-4000-a000-000000000ada'
  where id = '00000000-0000-4000-d000-00000000000a' and status in ('ai', 'needs_human', 'resolved')$$), 'rows:1', 'Ada takes the conversation over');
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select is(pg_temp.attempt($$update public.conversations set status = 'human', assignee_id = '00000000-0000-4000-a000-0000000ca201'
  where id = '00000000-0000-4000-d000-00000000000a' and status in ('ai', 'needs_human', 'resolved')$$), 'rows:0', 'Carol''s later take-over changes nothing');
select is((select assignee_id from public.conversations where id = '00000000-0000-4000-d000-00000000000a'),
  '00000000-0000-4000-a000-000000000ada'::uuid, 'the conversation stays Ada''s');

-- Assignment stays inside the business.
select is(pg_temp.attempt($$update public.conversations set assignee_id = '00000000-0000-4000-a000-000000000b0b'
  where id = '00000000-0000-4000-d000-00000000000a'$$), '23514', 'a conversation cannot be assigned to Bob, who is not a member');
select is(pg_temp.attempt($$update public.conversations set team_id = '00000000-0000-4000-c200-00000000000b'
  where id = '00000000-0000-4000-d000-00000000000a'$$), '23514', 'nor to Bob''s team');
select is(pg_temp.attempt($$update public.conversations set team_id = '00000000-0000-4000-c200-00000000000a'
  where id = '00000000-0000-4000-d000-00000000000a'$$), 'rows:1', 'but to the salon''s own team');

-- Mentions and notifications between members.
select is(pg_temp.attempt($$insert into public.messages (business_id, conversation_id, channel, role, content, author_id, mentions)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'widget', 'note', 'ping',
          '00000000-0000-4000-a000-0000000ca201', array['00000000-0000-4000-a000-000000000b0b']::uuid[])$$),
  '23514', 'a note cannot mention someone outside the business');
select is(private.notify_members('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a',
  array['00000000-0000-4000-a000-000000000ada', '00000000-0000-4000-a000-000000000b0b']::uuid[], 'mention', 'Carol mentioned you', 'ping'),
  1, 'Carol''s mention notifies Ada and silently skips Bob, who is not a member');
select is(pg_temp.attempt($$select private.notify_members('00000000-0000-4000-b000-00000000000a', null,
  array['00000000-0000-4000-a000-000000000ada']::uuid[], 'handoff', 'Fake handoff', '')$$), '22023',
  'members cannot forge other kinds of notifications');
select is(pg_temp.attempt($$select private.notify_members('00000000-0000-4000-b000-00000000000b', null,
  array['00000000-0000-4000-a000-000000000b0b']::uuid[], 'mention', 'Hi Bob', '')$$), '42501',
  'Carol cannot notify people of a business she does not belong to');
select is(pg_temp.attempt($$insert into public.notifications (business_id, user_id, type, title)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000ada', 'handoff', 'forged')$$), '42501',
  'members cannot write notifications directly');

-- A staff reply's email goes to the conversation's contact, only for the caller's own recent reply.
insert into public.messages (id, business_id, conversation_id, channel, role, content, author_id) values
  ('00000000-0000-4000-f000-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-d000-00000000000a', 'widget', 'agent', 'We can do 3pm', '00000000-0000-4000-a000-0000000ca201');
select isnt(private.queue_staff_reply_email('00000000-0000-4000-f000-00000000000a', 'Ada''s Salon replied', 'We can do 3pm'), null,
  'Carol queues her reply to the visitor by email');
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select is(pg_temp.attempt($$select private.queue_staff_reply_email('00000000-0000-4000-f000-00000000000a', 'x', 'spam')$$), '42501',
  'Ada cannot send mail in Carol''s name with Carol''s reply');
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select is(pg_temp.attempt($$insert into public.email_outbox (business_id, kind, to_email, subject, body_text)
  values ('00000000-0000-4000-b000-00000000000a', 'staff_reply', 'anyone@example.test', 'x', 'y')$$), '42501',
  'members cannot write the outbox directly');

-- Suggestion outcomes: once, by members of the business.
select is(private.record_suggestion_outcome('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-e000-00000000000a', 'edited'), true,
  'Carol records that she edited a suggestion');
select is(private.record_suggestion_outcome('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-e000-00000000000a', 'sent'), false,
  'an outcome is recorded only once');
select is(pg_temp.attempt($$select private.record_suggestion_outcome('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-e000-00000000000b', 'sent')$$),
  '42501', 'Carol cannot record outcomes in Bob''s business');
select is(pg_temp.attempt($$select private.record_suggestion_outcome('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-e000-00000000000a', 'loved')$$),
  '22023', 'an outcome is sent, edited or dismissed');

-- Canned replies and teams: agents read, owners write.
select is(pg_temp.attempt($$insert into public.canned_replies (business_id, shortcut, title, content)
  values ('00000000-0000-4000-b000-00000000000a', 'hours', 'Hours', 'We open at 9.')$$), '42501', 'an agent cannot add canned replies');
select is(pg_temp.attempt($$insert into public.teams (business_id, name) values ('00000000-0000-4000-b000-00000000000a', 'Carol''s own team')$$),
  '42501', 'an agent cannot create teams');
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select is(pg_temp.attempt($$insert into public.canned_replies (business_id, shortcut, title, content)
  values ('00000000-0000-4000-b000-00000000000a', 'hours', 'Hours', 'We open at 9.')$$), 'rows:1', 'the owner adds one');
select is(pg_temp.attempt($$insert into public.canned_replies (business_id, shortcut, title, content)
  values ('00000000-0000-4000-b000-00000000000a', 'Not A Shortcut', 'Hours', 'We open at 9.')$$), '23514', 'shortcuts are simple words');
select is(pg_temp.attempt($$insert into public.team_members (team_id, business_id, user_id)
  values ('00000000-0000-4000-c200-00000000000a', '00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000b0b')$$),
  '23514', 'a team member must belong to the business');

-- Each person's own read markers and preferences.
select is(pg_temp.attempt($$insert into public.conversation_reads (user_id, conversation_id, business_id)
  values ('00000000-0000-4000-a000-0000000ca201', '00000000-0000-4000-d000-00000000000a', '00000000-0000-4000-b000-00000000000a')$$),
  '42501', 'Ada cannot mark a conversation read for Carol');
select is(pg_temp.attempt($$insert into public.notification_preferences (user_id, business_id, quiet_start)
  values ('00000000-0000-4000-a000-000000000ada', '00000000-0000-4000-b000-00000000000a', '22:00')$$),
  '23514', 'quiet hours need both a start and an end');

reset role;
select is((select count(*)::int from public.email_outbox where to_email = 'grace@example.test' and kind = 'staff_reply'), 1,
  'exactly one reply email was queued, to the contact');

select * from finish();
rollback;
