-- Why (security review, second pass):
-- 1. A staff reply emailed to a website visitor carries a live visitor token, minted for the contact whose address
--    the email goes to. Any member may edit a contact's email (and should stay able to correct it), so a member could
--    set it to their own address, reply once the visitor left, and be mailed a 180-day token for that visitor. The
--    address the visitor typed into the chat themselves is now kept on their widget identity, in a column members
--    cannot write (only the widget's service path does), and the token is minted only for an email addressed there.
--    Addresses given before this migration are not copied over (a member may have written them): those visitors'
--    replies go out without the link until they leave their email in the chat again.
-- 2. An invitation for an address must be accepted by that address's owner: an account whose email is not confirmed
--    has not shown it owns the address, so it is no longer enough.

alter table public.contact_identities
  add column visitor_email text check (visitor_email is null or char_length(visitor_email) <= 320);
comment on column public.contact_identities.visitor_email is
  'The email the visitor gave in the chat themselves (lowercase); written only by the widget''s service path.';

-- Members (and anon) may not set it, on insert or update, through any grant today's or a later migration's: a
-- trigger rather than column grants, so a member's insert that names every column (as Drizzle's does, with DEFAULT)
-- still works. The service role (the widget) and the owner of the schema (migrations, seeds) may.
create or replace function private.visitor_email_from_the_widget_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user in ('authenticated', 'anon')
    and new.visitor_email is distinct from (case when tg_op = 'UPDATE' then old.visitor_email end) then
    raise exception 'only the widget records the email a visitor gave' using errcode = '42501';
  end if;
  return new;
end;
$$;
revoke all on function private.visitor_email_from_the_widget_only() from public, anon, authenticated;
create trigger contact_identities_visitor_email before insert or update on public.contact_identities
  for each row execute function private.visitor_email_from_the_widget_only();

create or replace function public.accept_invitation(invite_token text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  invite public.invitations;
  me uuid := (select auth.uid());
begin
  if me is null then
    raise exception 'sign in to accept an invitation' using errcode = '42501';
  end if;
  select * into invite from public.invitations i
  where i.token_hash = encode(extensions.digest(invite_token, 'sha256'), 'hex')
  for update;
  if not found then
    raise exception 'invitation not found' using errcode = 'P0002', hint = 'invitation_not_found';
  end if;
  if invite.revoked_at is not null then
    raise exception 'invitation revoked' using errcode = 'P0001', hint = 'invitation_revoked';
  end if;
  if invite.accepted_at is not null then
    raise exception 'invitation already used' using errcode = 'P0001', hint = 'invitation_used';
  end if;
  if invite.expires_at <= now() then
    raise exception 'invitation expired' using errcode = 'P0001', hint = 'invitation_expired';
  end if;
  -- The account's own email from auth.users, not a claim in the token; an account without one is not the invitee.
  if invite.email is not null
    and lower(invite.email) is distinct from (select lower(u.email) from auth.users u where u.id = me) then
    raise exception 'invitation is for another email address' using errcode = 'P0001', hint = 'invitation_other_email';
  end if;
  -- And the address must be confirmed as theirs: an unconfirmed account may have been opened by anyone in its name.
  if invite.email is not null
    and not exists (select 1 from auth.users u where u.id = me and u.email_confirmed_at is not null) then
    raise exception 'invitation is for a confirmed email address' using errcode = 'P0001', hint = 'invitation_other_email';
  end if;
  if exists (select 1 from public.memberships m where m.business_id = invite.business_id and m.user_id = me) then
    raise exception 'already a member' using errcode = 'P0001', hint = 'already_member';
  end if;
  update public.invitations set accepted_at = now(), accepted_by = me where id = invite.id;
  insert into public.memberships (business_id, user_id, role) values (invite.business_id, me, invite.role);
  return invite.business_id;
end;
$$;
revoke all on function public.accept_invitation(text) from public, anon, authenticated;
grant execute on function public.accept_invitation(text) to authenticated;
