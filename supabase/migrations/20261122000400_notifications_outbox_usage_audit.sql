-- Why: the records around the conversation: a person's notifications, the email outbox (what the app sends, and in
-- embedded mode where those emails can be read), the AI usage log every model call writes, and an audit trail of
-- who changed the business, its team and its invitations.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  type text not null check (char_length(type) between 1 and 64),
  title text not null check (char_length(title) <= 200),
  body text not null default '' check (char_length(body) <= 2000),
  conversation_id uuid references public.conversations (id) on delete cascade,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
create index notifications_user_idx on public.notifications (user_id, business_id, created_at desc);
create index notifications_business_id_idx on public.notifications (business_id);
create index notifications_conversation_id_idx on public.notifications (conversation_id);

-- Account emails (password reset) have no business; only the service path and the embedded mailbox read them.
create table public.email_outbox (
  id uuid primary key default gen_random_uuid(),
  business_id uuid references public.businesses (id) on delete cascade,
  kind text not null check (kind in ('password_reset', 'invitation', 'staff_reply', 'digest', 'notification')),
  to_email text not null check (char_length(to_email) between 3 and 320),
  subject text not null check (char_length(subject) <= 300),
  body_text text not null check (char_length(body_text) <= 100000),
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index email_outbox_business_id_idx on public.email_outbox (business_id, created_at desc);
create index email_outbox_queued_idx on public.email_outbox (created_at) where status = 'queued';

create table public.ai_usage (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  conversation_id uuid references public.conversations (id) on delete set null,
  task text not null check (char_length(task) between 1 and 64),
  provider text not null check (char_length(provider) between 1 and 64),
  model text not null check (char_length(model) between 1 and 128),
  prompt_tokens integer not null default 0 check (prompt_tokens >= 0),
  completion_tokens integer not null default 0 check (completion_tokens >= 0),
  -- Cost in millionths of a US dollar: integer minor units, as with all money here.
  cost_micros bigint not null default 0 check (cost_micros >= 0),
  latency_ms integer not null default 0 check (latency_ms >= 0),
  outcome text not null check (outcome in ('ok', 'error', 'timeout', 'rate_limited', 'fallback', 'budget_exceeded')),
  created_at timestamptz not null default now()
);
create index ai_usage_business_id_idx on public.ai_usage (business_id, created_at desc);
create index ai_usage_conversation_id_idx on public.ai_usage (conversation_id);

create table public.audit_log (
  id bigint generated always as identity primary key,
  business_id uuid not null references public.businesses (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  action text not null,
  entity text not null,
  entity_id text,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_business_id_idx on public.audit_log (business_id, created_at desc);
create index audit_log_actor_id_idx on public.audit_log (actor_id);

create trigger notifications_same_business before insert or update on public.notifications
  for each row when (new.conversation_id is not null) execute function private.check_same_business();
create trigger ai_usage_same_business before insert or update on public.ai_usage
  for each row when (new.conversation_id is not null) execute function private.check_same_business();

create trigger email_outbox_updated_at before update on public.email_outbox
  for each row execute function private.set_updated_at();

-- The audit trail is written by triggers, never by clients, so it cannot be forged or skipped.
create or replace function private.write_audit() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_data jsonb := to_jsonb(coalesce(new, old));
  business uuid;
  changes jsonb := '{}'::jsonb;
begin
  business := case when tg_table_name = 'businesses' then (row_data ->> 'id')::uuid else (row_data ->> 'business_id')::uuid end;
  if tg_op = 'DELETE' and tg_table_name = 'businesses' then
    return old;
  end if;
  if not exists (select 1 from public.businesses b where b.id = business) then
    return coalesce(new, old);
  end if;
  if tg_op = 'UPDATE' then
    select coalesce(jsonb_object_agg(n.key, n.value), '{}'::jsonb) into changes
    from jsonb_each(to_jsonb(new)) n
    where n.key not in ('updated_at', 'token_hash') and n.value is distinct from (to_jsonb(old) -> n.key);
  elsif tg_table_name = 'memberships' then
    changes := jsonb_build_object('user_id', row_data -> 'user_id', 'role', row_data -> 'role');
  elsif tg_table_name = 'invitations' then
    changes := jsonb_build_object('role', row_data -> 'role', 'email', row_data -> 'email');
  end if;
  insert into public.audit_log (business_id, actor_id, action, entity, entity_id, details)
  values (business, (select auth.uid()), lower(tg_op), tg_table_name, row_data ->> 'id', changes);
  return coalesce(new, old);
end;
$$;
create trigger businesses_audit after insert or update on public.businesses
  for each row execute function private.write_audit();
create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.write_audit();
create trigger invitations_audit after insert or update on public.invitations
  for each row execute function private.write_audit();

alter table public.notifications enable row level security;
alter table public.email_outbox enable row level security;
alter table public.ai_usage enable row level security;
alter table public.audit_log enable row level security;

revoke all on public.notifications, public.email_outbox, public.ai_usage, public.audit_log from anon, authenticated;
-- A person marks their notifications read; nothing else about them is theirs to change.
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant select on public.email_outbox to authenticated;
grant select on public.ai_usage to authenticated;
grant select on public.audit_log to authenticated;
grant all on public.notifications, public.email_outbox, public.ai_usage, public.audit_log to service_role;
grant usage on sequence public.audit_log_id_seq to service_role;

create policy notifications_select on public.notifications for select to authenticated
  using (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));
create policy notifications_update on public.notifications for update to authenticated
  using (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()))
  with check (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));

create policy email_outbox_select on public.email_outbox for select to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy ai_usage_select on public.ai_usage for select to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy audit_log_select on public.audit_log for select to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

-- Members cannot write to the outbox (that would let any login send any email). Inviting someone by email is the one
-- case: this narrow function, in the private schema the Data API does not expose, queues the invitation's own email
-- in the inviter's transaction, after checking the inviter may manage that business and the invitation is pending.
create or replace function private.queue_invitation_email(p_invitation uuid, p_subject text, p_body text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  invite public.invitations;
  email_id uuid;
begin
  select * into invite from public.invitations i
  where i.id = p_invitation
    and i.business_id in (select private.business_ids_for_user(array['owner', 'admin']))
    and i.accepted_at is null and i.revoked_at is null and i.expires_at > now();
  if not found or invite.email is null then
    raise exception 'no pending invitation with an email to send' using errcode = '42501';
  end if;
  insert into public.email_outbox (business_id, kind, to_email, subject, body_text)
  values (invite.business_id, 'invitation', invite.email, p_subject, p_body)
  returning id into email_id;
  return email_id;
end;
$$;
revoke all on function private.queue_invitation_email(uuid, text, text) from public, anon, authenticated;
grant execute on function private.queue_invitation_email(uuid, text, text) to authenticated;
