-- Why: a business is the wall every other row stands behind. Memberships say who belongs with which role, and the
-- single membership function below is what every policy is built on. Invitations bring teammates in by link.

create table public.businesses (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  vertical text not null check (vertical in ('salon', 'clinic', 'hotel', 'retail', 'academy', 'fitness', 'other')),
  time_zone text not null check (char_length(time_zone) between 1 and 64),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  locale text not null default 'en' check (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  opening_hours jsonb not null default '{}'::jsonb check (jsonb_typeof(opening_hours) = 'object'),
  widget_key text not null unique default ('pk_' || replace(gen_random_uuid()::text, '-', '')),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index businesses_created_by_idx on public.businesses (created_by);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  full_name text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'agent')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id, business_id);
create index memberships_business_role_idx on public.memberships (business_id, role);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  role text not null check (role in ('owner', 'admin', 'agent')),
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null default auth.uid(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index invitations_business_id_idx on public.invitations (business_id, created_at desc);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);

create trigger businesses_updated_at before update on public.businesses
  for each row execute function private.set_updated_at();
create trigger profiles_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();
create trigger memberships_updated_at before update on public.memberships
  for each row execute function private.set_updated_at();
create trigger invitations_updated_at before update on public.invitations
  for each row execute function private.set_updated_at();

-- The one membership function. It returns the businesses the signed-in user belongs to (optionally only with some
-- roles); policies use it as `business_id in (select private.business_ids_for_user(...))` so it runs once a statement.
create or replace function private.business_ids_for_user(roles text[] default null) returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.business_id
  from public.memberships m
  where m.user_id = (select auth.uid())
    and (roles is null or m.role = any (roles))
$$;
revoke all on function private.business_ids_for_user(text[]) from public, anon, authenticated;
grant execute on function private.business_ids_for_user(text[]) to authenticated, service_role;

-- Profiles mirror auth.users so teammates can see each other's names without reading the auth schema.
create or replace function private.sync_profile() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, email, full_name)
  values (new.id, coalesce(new.email, ''), coalesce(new.raw_user_meta_data ->> 'full_name', ''))
  on conflict (id) do update set email = excluded.email, full_name = excluded.full_name;
  return new;
end;
$$;
create trigger on_auth_user_saved after insert or update of email, raw_user_meta_data on auth.users
  for each row execute function private.sync_profile();

-- Whoever creates a business owns it, in the same transaction.
create or replace function private.add_creator_as_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.created_by is not null then
    insert into public.memberships (business_id, user_id, role) values (new.id, new.created_by, 'owner');
  end if;
  return new;
end;
$$;
create trigger businesses_add_owner after insert on public.businesses
  for each row execute function private.add_creator_as_owner();

-- Role rules that policies alone cannot say: only owners grant, change or remove the owner role, and a business
-- always keeps at least one owner.
create or replace function private.guard_membership_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor uuid := (select auth.uid());
  actor_role text;
  target_business uuid := coalesce(new.business_id, old.business_id);
begin
  -- A membership never moves: moving one would let an admin here who owns another business take an owner out.
  if tg_op = 'UPDATE' and (new.business_id <> old.business_id or new.user_id <> old.user_id) then
    raise exception 'a membership cannot move to another business or person' using errcode = '42501';
  end if;
  if actor is not null then
    select m.role into actor_role from public.memberships m where m.business_id = target_business and m.user_id = actor;
    -- A non-member reaches this only through accept_invitation, where the inviter's authority already applied.
    if actor_role is not null and (
         (tg_op = 'INSERT' and new.role = 'owner')
         or (tg_op = 'UPDATE' and (new.role = 'owner' or old.role = 'owner'))
         or (tg_op = 'DELETE' and old.role = 'owner' and old.user_id <> actor)
       ) then
      if actor_role is distinct from 'owner' then
        raise exception 'only an owner can grant, change or remove the owner role' using errcode = '42501';
      end if;
    end if;
  end if;
  if tg_op in ('UPDATE', 'DELETE') and old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner') then
    -- Two owners stepping down at once must not both see the other still there: serialise on the business row.
    perform 1 from public.businesses b where b.id = old.business_id for update;
    if exists (select 1 from public.businesses b where b.id = old.business_id)
       and not exists (
         select 1 from public.memberships m
         where m.business_id = old.business_id and m.role = 'owner' and m.id <> old.id
       ) then
      raise exception 'a business must keep at least one owner' using errcode = 'P0001', hint = 'last_owner';
    end if;
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end;
$$;
create trigger memberships_guard before insert or update or delete on public.memberships
  for each row execute function private.guard_membership_change();

-- Accepting an invitation crosses the wall on purpose (the invitee is not a member yet), so it is one narrow
-- security-definer function that checks the token and writes the membership atomically.
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

-- What an invitee may see before accepting: the business name and the role, nothing else.
create or replace function public.preview_invitation(invite_token text)
returns table (business_name text, role text, expires_at timestamptz, status text)
language sql stable security definer set search_path = '' as $$
  select b.name, i.role, i.expires_at,
    case
      when i.revoked_at is not null then 'revoked'
      when i.accepted_at is not null then 'used'
      when i.expires_at <= now() then 'expired'
      else 'valid'
    end
  from public.invitations i join public.businesses b on b.id = i.business_id
  where i.token_hash = encode(extensions.digest(invite_token, 'sha256'), 'hex')
$$;
revoke all on function public.preview_invitation(text) from public, anon, authenticated;
-- The service role shows signed-out visitors which business invited them (the token is the secret).
grant execute on function public.preview_invitation(text) to authenticated, service_role;

alter table public.businesses enable row level security;
alter table public.profiles enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;

-- Revoke first: a stack whose default privileges grant everything in public to anon must not keep those grants.
revoke all on public.businesses, public.profiles, public.memberships, public.invitations from anon, authenticated;
-- Only the settings a person edits; the widget key and the creator are not theirs to rewrite.
grant select, insert, delete on public.businesses to authenticated;
grant update (name, vertical, time_zone, currency, locale, opening_hours) on public.businesses to authenticated;
-- The email mirrors auth.users; only the display name is the user's to edit here.
grant select on public.profiles to authenticated;
grant update (full_name) on public.profiles to authenticated;
-- Nobody adds a member directly: people join by accepting an invitation (or by creating the business).
grant select, delete on public.memberships to authenticated;
grant update (role) on public.memberships to authenticated;
-- An invitation is single-use by construction: members may only revoke one, never edit its token or acceptance.
grant select, insert on public.invitations to authenticated;
grant update (revoked_at) on public.invitations to authenticated;
grant all on public.businesses, public.profiles, public.memberships, public.invitations to service_role;

create policy businesses_select on public.businesses for select to authenticated
  using (id in (select private.business_ids_for_user()));
create policy businesses_insert on public.businesses for insert to authenticated
  with check (created_by = (select auth.uid()));
create policy businesses_update on public.businesses for update to authenticated
  using (id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy businesses_delete on public.businesses for delete to authenticated
  using (id in (select private.business_ids_for_user(array['owner'])));

create policy profiles_select on public.profiles for select to authenticated
  using (
    id = (select auth.uid())
    or id in (
      select m.user_id from public.memberships m where m.business_id in (select private.business_ids_for_user())
    )
  );
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));

create policy memberships_select on public.memberships for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy memberships_update on public.memberships for update to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy memberships_delete on public.memberships for delete to authenticated
  using (
    business_id in (select private.business_ids_for_user(array['owner', 'admin']))
    or user_id = (select auth.uid())
  );

create policy invitations_select on public.invitations for select to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy invitations_insert on public.invitations for insert to authenticated
  with check (
    business_id in (select private.business_ids_for_user(array['owner', 'admin']))
    and (role <> 'owner' or business_id in (select private.business_ids_for_user(array['owner'])))
  );
-- As on insert, only an owner may leave an invitation carrying the owner role (else an admin could raise one).
create policy invitations_update on public.invitations for update to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (
    business_id in (select private.business_ids_for_user(array['owner', 'admin']))
    and (role <> 'owner' or business_id in (select private.business_ids_for_user(array['owner'])))
  );
