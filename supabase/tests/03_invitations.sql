-- Why: an invitation link is the one way into a business that crosses the wall on purpose. It must work once, for a
-- signed-in person (the invited address's own account when it names one), and never when used, expired or revoked;
-- and only owners and admins may see the invitations.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select plan(39);

-- Everyone has confirmed their address, except Hal (below).
insert into auth.users (id, email, raw_user_meta_data) values
  ('00000000-0000-4000-a000-000000000ada', 'ada@salon.test', '{"full_name":"Ada Lovelace"}'),
  ('00000000-0000-4000-a000-000000000da0', 'dan@salon.test', '{"full_name":"Dan Brown"}'),
  ('00000000-0000-4000-a000-0000000ca201', 'carol@salon.test', '{"full_name":"Carol O''Neill"}'),
  ('00000000-0000-4000-a000-000000000b0b', 'bob@bikes.test', '{"full_name":"Bob Marley"}'),
  ('00000000-0000-4000-a000-000000000e5e', 'eve@example.test', '{"full_name":"Eve Newcomer"}'),
  ('00000000-0000-4000-a000-00000000f4a2', 'frank@example.test', '{"full_name":"Frank Late"}'),
  ('00000000-0000-4000-a000-0000000067ac', 'Grace@Example.TEST', '{"full_name":"Grace Hopper"}');
update auth.users set email_confirmed_at = now();
insert into auth.users (id, email, raw_user_meta_data) values
  ('00000000-0000-4000-a000-0000000004a1', 'hal@example.test', '{"full_name":"Hal Unconfirmed"}');
insert into public.businesses (id, name, vertical, time_zone, currency, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b');
insert into public.memberships (business_id, user_id, role) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-000000000da0', 'admin'),
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000ca201', 'agent');
-- Only the SHA-256 of a token is stored; the tokens themselves are the links' secrets.
insert into public.invitations (business_id, email, role, token_hash, expires_at, revoked_at, invited_by) values
  ('00000000-0000-4000-b000-00000000000a', 'eve@example.test', 'agent', encode(extensions.digest('invite-valid', 'sha256'), 'hex'),
   now() + interval '7 days', null, '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000a', null, 'agent', encode(extensions.digest('invite-expired', 'sha256'), 'hex'),
   now() - interval '1 minute', null, '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000a', null, 'admin', encode(extensions.digest('invite-revoked', 'sha256'), 'hex'),
   now() + interval '7 days', now(), '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', null, 'agent', encode(extensions.digest('invite-bikes', 'sha256'), 'hex'),
   now() + interval '7 days', null, '00000000-0000-4000-a000-000000000b0b');
insert into public.invitations (business_id, email, role, token_hash, expires_at, invited_by) values
  ('00000000-0000-4000-b000-00000000000b', 'hal@example.test', 'admin', encode(extensions.digest('invite-hal', 'sha256'), 'hex'),
   now() + interval '7 days', '00000000-0000-4000-a000-000000000b0b');
insert into public.invitations (id, business_id, email, role, token_hash, expires_at, invited_by) values
  ('00000000-0000-4000-e000-00000000004a', '00000000-0000-4000-b000-00000000000a', 'grace@example.test', 'agent',
   encode(extensions.digest('invite-mail', 'sha256'), 'hex'), now() + interval '7 days', '00000000-0000-4000-a000-000000000ada');

select ok(not has_function_privilege('anon', 'public.accept_invitation(text)', 'execute'), 'anon cannot accept invitations');
select ok(not has_function_privilege('anon', 'public.preview_invitation(text)', 'execute'), 'anon cannot preview invitations');
select ok(not has_function_privilege('anon', 'private.queue_invitation_email(uuid, text, text)', 'execute'),
  'anon cannot queue invitation emails');

-- Queuing an invitation's email: only a manager of that business, only for its own pending invitation.
set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select throws_ok($$select private.queue_invitation_email('00000000-0000-4000-e000-00000000004a', 'Join', 'Body')$$,
  '42501', 'no pending invitation with an email to send', 'an agent cannot queue an invitation email');
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000b0b","role":"authenticated"}';
select throws_ok($$select private.queue_invitation_email('00000000-0000-4000-e000-00000000004a', 'Join', 'Body')$$,
  '42501', 'no pending invitation with an email to send', 'another business''s owner cannot queue the salon''s invitation email');
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000da0","role":"authenticated"}';
select lives_ok($$select private.queue_invitation_email('00000000-0000-4000-e000-00000000004a', 'Join Ada''s Salon', 'Accept: https://x/invite/t')$$,
  'the salon''s admin queues the email of a pending invitation');
reset role;
select results_eq($$select business_id::text, to_email from public.email_outbox where kind = 'invitation'$$,
  $$values ('00000000-0000-4000-b000-00000000000a', 'grace@example.test')$$,
  'the email goes to the invitation''s own address, in the invitation''s business');
set local request.jwt.claims = '';

set local role authenticated;
set local request.jwt.claims = '{"role":"authenticated"}';
select throws_ok($$select public.accept_invitation('invite-valid')$$, '42501', 'sign in to accept an invitation',
  'an invitation cannot be accepted without a signed-in user');

-- Eve, invited by link.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000e5e","role":"authenticated"}';
select results_eq($$select business_name, role, status, email from public.preview_invitation('invite-valid')$$,
  $$values ('Ada''s Salon', 'agent', 'valid', 'eve@example.test')$$, 'the invitee previews the business, the role and the address it is for');
select results_eq($$select email from public.preview_invitation('invite-expired')$$, $$values (null::text)$$,
  'a link invitation names no address');
select results_eq($$select status from public.preview_invitation('invite-expired')$$, $$values ('expired')$$,
  'an expired link previews as expired');
select results_eq($$select status from public.preview_invitation('invite-revoked')$$, $$values ('revoked')$$,
  'a revoked link previews as revoked');
select is_empty($$select * from public.preview_invitation('no-such-invite')$$, 'an unknown link previews as nothing');
select is_empty('select id from public.invitations', 'an invitee cannot read the invitations themselves');
select is_empty('select id from public.businesses', 'before accepting, Eve sees no business');

select is(public.accept_invitation('invite-valid'), '00000000-0000-4000-b000-00000000000a'::uuid,
  'accepting returns the business joined');
select results_eq('select name from public.businesses', $$values ('Ada''s Salon')$$, 'after accepting, Eve sees the salon');
select results_eq($$select role from public.memberships where user_id = '00000000-0000-4000-a000-000000000e5e'$$,
  $$values ('agent')$$, 'Eve joined with the invitation''s role');
select results_eq($$select status from public.preview_invitation('invite-valid')$$, $$values ('used')$$,
  'the accepted link now previews as used');
select throws_ok($$select public.accept_invitation('invite-valid')$$, 'P0001', 'invitation already used',
  'the same person cannot use the link twice');

-- Frank, who got the same link too late, and other links.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-00000000f4a2","role":"authenticated"}';
select throws_ok($$select public.accept_invitation('invite-valid')$$, 'P0001', 'invitation already used',
  'a used link does not work for anyone else');
select throws_ok($$select public.accept_invitation('invite-expired')$$, 'P0001', 'invitation expired',
  'an expired link does not work');
select throws_ok($$select public.accept_invitation('invite-revoked')$$, 'P0001', 'invitation revoked',
  'a revoked link does not work');
select throws_ok($$select public.accept_invitation('no-such-invite')$$, 'P0002', 'invitation not found',
  'an unknown link does not work');
select throws_ok($$select public.accept_invitation('invite-mail')$$, 'P0001', 'invitation is for another email address',
  'an invitation sent to Grace does not work for Frank, who has the link');
select results_eq($$select status from public.preview_invitation('invite-mail')$$, $$values ('valid')$$,
  'the refused attempt leaves Grace''s invitation unused');
select is_empty('select business_id from public.memberships', 'Frank joined nothing');

-- Grace, whose account email differs from the invited address only in case, accepts her own invitation.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000067ac","role":"authenticated"}';
select is(public.accept_invitation('invite-mail'), '00000000-0000-4000-b000-00000000000a'::uuid,
  'the invited address accepts, whatever the case of its letters');

-- Hal's account has the invited address but never confirmed it: anyone could have opened it in his name.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000004a1","role":"authenticated"}';
select throws_ok($$select public.accept_invitation('invite-hal')$$, 'P0001', 'invitation is for a confirmed email address',
  'an account whose email is not confirmed cannot accept the invitation sent to that address');
select results_eq($$select status from public.preview_invitation('invite-hal')$$, $$values ('valid')$$,
  'the refused attempt leaves Hal''s invitation unused');

-- Carol, an agent, may not see invitations.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select is_empty('select id from public.invitations', 'an agent cannot read invitations');

-- Dan, an admin: reads his business's invitations and creates one.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000da0","role":"authenticated"}';
select results_eq('select count(*)::int from public.invitations', array[4], 'an admin reads the salon''s four invitations, not the bikes shop''s');
select lives_ok($$insert into public.invitations (business_id, role, token_hash, expires_at)
  values ('00000000-0000-4000-b000-00000000000a', 'agent', encode(extensions.digest('invite-by-dan', 'sha256'), 'hex'), now() + interval '1 day')$$,
  'an admin creates an invitation');
select results_eq($$select invited_by from public.invitations where token_hash = encode(extensions.digest('invite-by-dan', 'sha256'), 'hex')$$,
  $$values ('00000000-0000-4000-a000-000000000da0'::uuid)$$, 'the invitation records who sent it');

set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';
select throws_ok($$select public.accept_invitation('invite-by-dan')$$, 'P0001', 'already a member',
  'a member cannot join the same business again');

-- Ada, the owner, invites an owner; Frank accepts and becomes one.
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select lives_ok($$insert into public.invitations (business_id, role, token_hash, expires_at)
  values ('00000000-0000-4000-b000-00000000000a', 'owner', encode(extensions.digest('invite-owner', 'sha256'), 'hex'), now() + interval '1 day')$$,
  'an owner invites a co-owner');
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-00000000f4a2","role":"authenticated"}';
select is(public.accept_invitation('invite-owner'), '00000000-0000-4000-b000-00000000000a'::uuid, 'Frank accepts the owner invitation');

reset role;
set local request.jwt.claims = '';
select set_eq($$select user_id::text || ':' || role from public.memberships where business_id = '00000000-0000-4000-b000-00000000000a'$$,
  array['00000000-0000-4000-a000-000000000ada:owner', '00000000-0000-4000-a000-000000000da0:admin',
        '00000000-0000-4000-a000-0000000ca201:agent', '00000000-0000-4000-a000-000000000e5e:agent',
        '00000000-0000-4000-a000-00000000f4a2:owner', '00000000-0000-4000-a000-0000000067ac:agent'],
  'the salon''s team is exactly who was let in');
select results_eq($$select accepted_by from public.invitations where token_hash = encode(extensions.digest('invite-valid', 'sha256'), 'hex')$$,
  $$values ('00000000-0000-4000-a000-000000000e5e'::uuid)$$, 'the used invitation records who accepted it');

select * from finish();
rollback;
