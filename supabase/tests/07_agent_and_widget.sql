-- Why: widget and AI settings decide who may embed a business's widget and which model answers for it, so only the
-- business's owners and admins may change them (agents read them); a business gets both rows when it is created;
-- the widget key can be replaced only by owners and admins; a lead cannot point at another business's contact; and
-- settings reject values the widget or agent could not use; and members read channel identities but never write them
-- (an identity is how a sender is recognised: a member who attached their own visitor id to a customer could chat as
-- that customer through the public widget).
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
insert into public.contact_identities (business_id, contact_id, channel, external_id) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'widget', 'visitor-grace');

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

select is((select count(*)::int from public.widget_settings where business_id in
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-b000-00000000000b')), 2,
  'a new business gets its widget settings');
select is((select count(*)::int from public.ai_settings where business_id in
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-b000-00000000000b')), 2,
  'a new business gets its AI settings');
select is((select confidence_threshold from public.ai_settings where business_id = '00000000-0000-4000-b000-00000000000a'),
  0.8::real, 'the hand-off threshold defaults to 0.8');

-- Values the widget could not use are refused whoever writes them.
select is(pg_temp.attempt($$update public.widget_settings set color = 'red' where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  '23514', 'a colour must be a hex code');
select is(pg_temp.attempt($$update public.widget_settings set avatar_url = 'http://example.test/a.png' where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  '23514', 'an avatar must be served over https');
select is(pg_temp.attempt($$update public.widget_settings set allowed_origins = array[null]::text[] where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  '23514', 'allowed origins cannot contain a null');
select is(pg_temp.attempt($$update public.ai_settings set confidence_threshold = 1.5 where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  '23514', 'a threshold is between 0 and 1');
select is(pg_temp.attempt($$update public.ai_settings set daily_token_budget = 10 where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  '23514', 'a daily budget under 1,000 tokens is refused');

-- A lead belongs to a contact of its own business, even when the service role writes it.
select is(pg_temp.attempt($$insert into public.leads (business_id, contact_id, intent, channel)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000b', 'stolen', 'widget')$$),
  '23514', 'a lead cannot point at another business''s contact');
select is(pg_temp.attempt($$insert into public.leads (business_id, contact_id, intent, channel)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'Colour on Friday', 'widget')$$),
  'rows:1', 'a lead for a contact of the business is stored');
select is(pg_temp.attempt($$insert into public.leads (business_id, contact_id, intent, channel)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'Again', 'widget')$$),
  '23505', 'a contact has one lead per business (captures update it)');

-- Carol is an agent at Ada's Salon: she reads the settings but cannot change them or the key.
set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select is((select count(*)::int from public.widget_settings), 1, 'an agent reads her business''s widget settings');
select is(pg_temp.attempt($$update public.widget_settings set greeting = 'Hello' where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  'rows:0', 'an agent cannot change the widget settings');
select is(pg_temp.attempt($$update public.ai_settings set primary_model = 'openai:gpt-4o' where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  'rows:0', 'an agent cannot change the AI settings');
select is(pg_temp.attempt($$select public.regenerate_widget_key('00000000-0000-4000-b000-00000000000a')$$),
  '42501', 'an agent cannot replace the widget key');

-- Ada owns the salon: she changes its settings and key, never Bob's.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select is(pg_temp.attempt($$update public.widget_settings set greeting = 'Welcome to Ada''s', allowed_origins = array['https://ada.test'] where business_id = '00000000-0000-4000-b000-00000000000a'$$),
  'rows:1', 'an owner changes the widget settings');
select is(pg_temp.attempt($$update public.widget_settings set greeting = 'Hacked' where business_id = '00000000-0000-4000-b000-00000000000b'$$),
  'rows:0', 'an owner cannot change another business''s widget settings');
select is(pg_temp.attempt($$update public.businesses set widget_key = 'pk_mine' where id = '00000000-0000-4000-b000-00000000000a'$$),
  '42501', 'the widget key cannot be written directly');
select matches(public.regenerate_widget_key('00000000-0000-4000-b000-00000000000a'), '^pk_[0-9a-f]{32}$',
  'an owner replaces the widget key');
select is(pg_temp.attempt($$select public.regenerate_widget_key('00000000-0000-4000-b000-00000000000b')$$),
  '42501', 'an owner cannot replace another business''s key');

select is(pg_temp.attempt($$insert into public.contact_identities (business_id, contact_id, channel, external_id)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c000-00000000000a', 'widget', 'visitor-ada')$$),
  '42501', 'an owner cannot attach an identity of her own to a customer');
select is(pg_temp.attempt($$delete from public.contact_identities where external_id = 'visitor-grace'$$),
  '42501', 'an owner cannot remove a customer''s identity');
select is(pg_temp.attempt($$update public.contact_identities set external_id = 'visitor-ada' where external_id = 'visitor-grace'$$),
  '42501', 'an owner cannot re-point a customer''s identity');

select * from finish();
rollback;
