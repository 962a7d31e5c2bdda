-- Why: an invitation sent to an email address could be accepted by anyone the link reached (a forwarded email, a
-- shared screen), so the address was only a label. Now an invitation with an address is for that address alone: it is
-- accepted only by a signed-in user whose account email is the same (ignoring case), checked here where acceptance is
-- decided, and the preview tells the invitee which address it is for. An invitation without an address stays a link
-- that whoever holds it may use, as the team screen says.

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

-- The preview also names the address the invitation is for (null: anyone with the link), so the invite page can say
-- so before anyone presses Join. A new column changes the result type, which `create or replace` cannot do.
drop function public.preview_invitation(text);
create function public.preview_invitation(invite_token text)
returns table (business_name text, role text, expires_at timestamptz, status text, email text)
language sql stable security definer set search_path = '' as $$
  select b.name, i.role, i.expires_at,
    case
      when i.revoked_at is not null then 'revoked'
      when i.accepted_at is not null then 'used'
      when i.expires_at <= now() then 'expired'
      else 'valid'
    end,
    i.email
  from public.invitations i join public.businesses b on b.id = i.business_id
  where i.token_hash = encode(extensions.digest(invite_token, 'sha256'), 'hex')
$$;
revoke all on function public.preview_invitation(text) from public, anon, authenticated;
-- The service role shows signed-out visitors which business invited them (the token is the secret).
grant execute on function public.preview_invitation(text) to authenticated, service_role;
