-- Why: the shared inbox and the human handoff. Staff work in teams and are assigned conversations; a handoff carries a
-- context package and a service-level clock (re-notify, then escalate to owners) that stops when a person opens or
-- answers; each person keeps what they have read, their notification preferences and quiet hours, and the devices
-- their web pushes go to; owners keep canned replies; copilot suggestions record what staff did with them; and every
-- change the inbox shows is announced with pg_notify so the live views (SSE in embedded mode) update at once.

create table public.teams (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 60),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index teams_business_name_idx on public.teams (business_id, lower(name));

create table public.team_members (
  team_id uuid not null references public.teams (id) on delete cascade,
  business_id uuid not null references public.businesses (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (team_id, user_id)
);
create index team_members_business_id_idx on public.team_members (business_id, user_id);
create index team_members_user_id_idx on public.team_members (user_id);

alter table public.businesses
  add column handoff_sla_minutes integer not null default 5 check (handoff_sla_minutes between 1 and 1440);

alter table public.conversations
  add column team_id uuid references public.teams (id) on delete set null,
  -- What a person needs to answer well, written when the AI hands over: summary, intent, known, missing, last messages.
  add column handoff_context jsonb check (handoff_context is null or jsonb_typeof(handoff_context) = 'object'),
  add column taken_over_at timestamptz,
  add column first_opened_at timestamptz,
  add column first_response_at timestamptz,
  -- 0: waiting within the SLA; 1: members re-notified; 2: escalated to owners.
  add column sla_stage smallint not null default 0 check (sla_stage between 0 and 2),
  add column last_customer_message_at timestamptz;
create index conversations_team_id_idx on public.conversations (team_id);
create index conversations_business_activity_idx on public.conversations (business_id, last_message_at desc, id desc);
create index conversations_waiting_idx on public.conversations (handed_off_at) where status = 'needs_human';

-- Search by message text and contact details stays fast with many conversations.
create index messages_content_trgm_idx on public.messages using gin (content extensions.gin_trgm_ops);
create index contacts_search_trgm_idx on public.contacts
  using gin ((name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '')) extensions.gin_trgm_ops);

-- Staff reply and note authors, and @mentions, are people of the business.
alter table public.messages
  add column mentions uuid[] not null default '{}' check (cardinality(mentions) <= 20);

alter table public.notifications
  add column pushed_at timestamptz,
  add column emailed_at timestamptz;
create index notifications_unread_idx on public.notifications (user_id, business_id) where read_at is null;
-- The dispatcher's sweep finds notifications not yet pushed or emailed; older ones are treated as delivered.
create index notifications_undispatched_idx on public.notifications (created_at) where pushed_at is null;
update public.notifications set pushed_at = created_at, emailed_at = created_at where pushed_at is null;

-- What a person has read in each conversation: the inbox's unread markers.
create table public.conversation_reads (
  user_id uuid not null references auth.users (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  business_id uuid not null references public.businesses (id) on delete cascade,
  last_read_at timestamptz not null default now(),
  primary key (user_id, conversation_id)
);
create index conversation_reads_business_id_idx on public.conversation_reads (business_id, user_id);
create index conversation_reads_conversation_id_idx on public.conversation_reads (conversation_id);

create table public.canned_replies (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  shortcut text not null check (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  title text not null check (char_length(btrim(title)) between 1 and 80),
  content text not null check (char_length(btrim(content)) between 1 and 4000),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, shortcut)
);
create index canned_replies_created_by_idx on public.canned_replies (created_by);

-- One row per person and business: which channels each notification type uses, quiet hours, and whether they are on
-- duty for handoffs. No row means the defaults (everything on, no quiet hours, on duty).
create table public.notification_preferences (
  user_id uuid not null references auth.users (id) on delete cascade,
  business_id uuid not null references public.businesses (id) on delete cascade,
  channels jsonb not null default '{}'::jsonb check (jsonb_typeof(channels) = 'object'),
  quiet_start time,
  quiet_end time,
  time_zone text check (time_zone is null or char_length(time_zone) between 1 and 64),
  on_duty boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (user_id, business_id),
  check ((quiet_start is null) = (quiet_end is null))
);
create index notification_preferences_business_id_idx on public.notification_preferences (business_id);

-- A person's devices that accept web pushes. A push service answering 404/410 means the device is gone: the row is
-- deleted. Devices are registered only through the app (which checks the endpoint is a public push service), never
-- written directly by a member: an endpoint is where the server will POST. Subscriptions are the person's, not a business's: one phone receives pushes for every business they serve.
create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  endpoint text not null unique check (endpoint ~ '^https?://' and char_length(endpoint) <= 2000),
  p256dh text not null check (char_length(p256dh) between 16 and 200),
  auth text not null check (char_length(auth) between 8 and 100),
  device text not null default '' check (char_length(device) <= 200),
  last_success_at timestamptz,
  failures integer not null default 0 check (failures >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index push_subscriptions_user_id_idx on public.push_subscriptions (user_id);

-- Copilot suggestions are logged like every model call; what staff did with them is recorded on the same row.
alter table public.ai_usage
  add column suggestion_outcome text check (suggestion_outcome in ('sent', 'edited', 'dismissed'));

create trigger teams_updated_at before update on public.teams
  for each row execute function private.set_updated_at();
create trigger canned_replies_updated_at before update on public.canned_replies
  for each row execute function private.set_updated_at();
create trigger notification_preferences_updated_at before update on public.notification_preferences
  for each row execute function private.set_updated_at();
create trigger push_subscriptions_updated_at before update on public.push_subscriptions
  for each row execute function private.set_updated_at();

-- Team members, assignees, mentioned people and read markers must be people of the same business.
create or replace function private.check_inbox_parents() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_table_name = 'team_members' then
    if not exists (select 1 from public.teams t where t.id = new.team_id and t.business_id = new.business_id)
       or not exists (select 1 from public.memberships m where m.business_id = new.business_id and m.user_id = new.user_id) then
      raise exception 'a team member must be a member of the team''s business' using errcode = '23514';
    end if;
  elsif tg_table_name = 'conversations' then
    if new.assignee_id is not null and new.assignee_id is distinct from old.assignee_id
       and not exists (select 1 from public.memberships m where m.business_id = new.business_id and m.user_id = new.assignee_id) then
      raise exception 'a conversation can only be assigned to a member of its business' using errcode = '23514';
    end if;
    if new.team_id is not null and new.team_id is distinct from old.team_id
       and not exists (select 1 from public.teams t where t.id = new.team_id and t.business_id = new.business_id) then
      raise exception 'a conversation can only be assigned to a team of its business' using errcode = '23514';
    end if;
  elsif tg_table_name = 'messages' then
    if cardinality(new.mentions) > 0 and exists (
      select 1 from unnest(new.mentions) u(id)
      where not exists (select 1 from public.memberships m where m.business_id = new.business_id and m.user_id = u.id)
    ) then
      raise exception 'only members of the business can be mentioned' using errcode = '23514';
    end if;
  elsif tg_table_name = 'conversation_reads' then
    if not exists (select 1 from public.conversations c where c.id = new.conversation_id and c.business_id = new.business_id) then
      raise exception 'conversation_reads row points at another business''s conversation' using errcode = '23514';
    end if;
  end if;
  return new;
end;
$$;
create trigger team_members_parents before insert or update on public.team_members
  for each row execute function private.check_inbox_parents();
create trigger conversations_inbox_parents before update of assignee_id, team_id on public.conversations
  for each row execute function private.check_inbox_parents();
create trigger messages_inbox_parents before insert on public.messages
  for each row when (cardinality(new.mentions) > 0) execute function private.check_inbox_parents();
create trigger conversation_reads_parents before insert or update on public.conversation_reads
  for each row execute function private.check_inbox_parents();

-- A conversation's creation also checks its assignee and team (the update trigger above covers changes).
create or replace function private.check_new_conversation_people() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (new.assignee_id is not null and not exists (
        select 1 from public.memberships m where m.business_id = new.business_id and m.user_id = new.assignee_id))
     or (new.team_id is not null and not exists (
        select 1 from public.teams t where t.id = new.team_id and t.business_id = new.business_id)) then
    raise exception 'a conversation can only be assigned within its business' using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger conversations_new_people before insert on public.conversations
  for each row execute function private.check_new_conversation_people();

-- Existing conversations learn when their customer last wrote (before the realtime triggers, which would announce it).
update public.conversations c set last_customer_message_at = (
  select max(m.created_at) from public.messages m where m.conversation_id = c.id and m.role = 'customer'
);

-- Realtime: one small event per change the inbox shows, delivered at commit. Payloads carry ids only; clients read
-- the rows (through RLS) when told something changed, so an event never leaks content and a missed one costs nothing.
create or replace function private.announce_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  event_type text;
  payload jsonb;
begin
  if tg_table_name = 'messages' then
    event_type := case when tg_op = 'INSERT' then 'message.created' else 'message.updated' end;
    payload := jsonb_build_object('businessId', new.business_id, 'conversationId', new.conversation_id, 'id', new.id, 'role', new.role);
  elsif tg_table_name = 'conversations' then
    event_type := case when tg_op = 'INSERT' then 'conversation.created' else 'conversation.updated' end;
    payload := jsonb_build_object('businessId', new.business_id, 'conversationId', new.id, 'id', new.id, 'status', new.status);
  elsif tg_table_name = 'notifications' then
    event_type := case when tg_op = 'INSERT' then 'notification.created' else 'notification.updated' end;
    payload := jsonb_build_object('businessId', new.business_id, 'conversationId', new.conversation_id, 'id', new.id, 'userId', new.user_id);
  else
    return new;
  end if;
  perform pg_notify('frontdesk_events', (payload || jsonb_build_object('type', event_type))::text);
  return new;
end;
$$;
create trigger messages_announce after insert or update of delivery_status, content on public.messages
  for each row execute function private.announce_change();
create trigger conversations_announce after insert or update on public.conversations
  for each row execute function private.announce_change();
create trigger notifications_announce after insert or update of read_at on public.notifications
  for each row execute function private.announce_change();

alter table public.teams enable row level security;
alter table public.team_members enable row level security;
alter table public.conversation_reads enable row level security;
alter table public.canned_replies enable row level security;
alter table public.notification_preferences enable row level security;
alter table public.push_subscriptions enable row level security;

revoke all on public.teams, public.team_members, public.conversation_reads, public.canned_replies,
  public.notification_preferences, public.push_subscriptions from anon, authenticated;
grant select, insert, update, delete on public.teams, public.team_members, public.canned_replies to authenticated;
grant select, insert, update on public.conversation_reads to authenticated;
grant select, insert, update on public.notification_preferences to authenticated;
grant select, delete on public.push_subscriptions to authenticated;
grant all on public.teams, public.team_members, public.conversation_reads, public.canned_replies,
  public.notification_preferences, public.push_subscriptions to service_role;

create policy teams_select on public.teams for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy teams_insert on public.teams for insert to authenticated
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy teams_update on public.teams for update to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy teams_delete on public.teams for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy team_members_select on public.team_members for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy team_members_insert on public.team_members for insert to authenticated
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy team_members_update on public.team_members for update to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy team_members_delete on public.team_members for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy conversation_reads_select on public.conversation_reads for select to authenticated
  using (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));
create policy conversation_reads_insert on public.conversation_reads for insert to authenticated
  with check (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));
create policy conversation_reads_update on public.conversation_reads for update to authenticated
  using (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()))
  with check (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));

create policy canned_replies_select on public.canned_replies for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy canned_replies_insert on public.canned_replies for insert to authenticated
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy canned_replies_update on public.canned_replies for update to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy canned_replies_delete on public.canned_replies for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy notification_preferences_select on public.notification_preferences for select to authenticated
  using (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));
create policy notification_preferences_insert on public.notification_preferences for insert to authenticated
  with check (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));
create policy notification_preferences_update on public.notification_preferences for update to authenticated
  using (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()))
  with check (user_id = (select auth.uid()) and business_id in (select private.business_ids_for_user()));

create policy push_subscriptions_select on public.push_subscriptions for select to authenticated
  using (user_id = (select auth.uid()));
create policy push_subscriptions_delete on public.push_subscriptions for delete to authenticated
  using (user_id = (select auth.uid()));

-- Members notify each other (an @mention, an assignment) only through this narrow function: it checks the caller
-- belongs to the business and every recipient does too, so a login cannot write notifications for strangers.
create or replace function private.notify_members(
  p_business uuid, p_conversation uuid, p_users uuid[], p_type text, p_title text, p_body text
) returns integer
language plpgsql security definer set search_path = '' as $$
declare
  written integer;
begin
  if p_business not in (select private.business_ids_for_user()) then
    raise exception 'not a member of this business' using errcode = '42501';
  end if;
  if p_type not in ('mention', 'assignment') then
    raise exception 'members may only send mention and assignment notifications' using errcode = '22023';
  end if;
  insert into public.notifications (business_id, user_id, type, title, body, conversation_id)
  select p_business, m.user_id, p_type, left(p_title, 200), left(p_body, 2000), p_conversation
  from public.memberships m
  where m.business_id = p_business and m.user_id = any (p_users) and m.user_id <> (select auth.uid());
  get diagnostics written = row_count;
  return written;
end;
$$;
revoke all on function private.notify_members(uuid, uuid, uuid[], text, text, text) from public, anon, authenticated;
grant execute on function private.notify_members(uuid, uuid, uuid[], text, text, text) to authenticated;

-- Staff record what they did with a copilot suggestion; they cannot otherwise write the usage log.
create or replace function private.record_suggestion_outcome(p_business uuid, p_usage uuid, p_outcome text) returns boolean
language plpgsql security definer set search_path = '' as $$
declare
  changed integer;
begin
  if p_business not in (select private.business_ids_for_user()) then
    raise exception 'not a member of this business' using errcode = '42501';
  end if;
  if p_outcome is null or p_outcome not in ('sent', 'edited', 'dismissed') then
    raise exception 'an outcome is sent, edited or dismissed' using errcode = '22023';
  end if;
  update public.ai_usage set suggestion_outcome = p_outcome
  where id = p_usage and business_id = p_business and task = 'copilot' and suggestion_outcome is null;
  get diagnostics changed = row_count;
  return changed > 0;
end;
$$;
revoke all on function private.record_suggestion_outcome(uuid, uuid, text) from public, anon, authenticated;
grant execute on function private.record_suggestion_outcome(uuid, uuid, text) to authenticated;

-- A staff reply to a visitor who has left reaches them by email, queued in the replier's own transaction (members
-- cannot write the outbox). The recipient is never the caller's choice: it is the conversation's contact's address,
-- and only for a reply the caller wrote a moment ago in a business they belong to.
create or replace function private.queue_staff_reply_email(p_message uuid, p_subject text, p_body text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  recipient text;
  business uuid;
  email_id uuid;
begin
  select m.business_id, ct.email into business, recipient
  from public.messages m
  join public.conversations c on c.id = m.conversation_id and c.business_id = m.business_id
  join public.contacts ct on ct.id = c.contact_id and ct.business_id = c.business_id
  where m.id = p_message and m.role = 'agent' and m.author_id = (select auth.uid())
    and m.created_at > now() - interval '10 minutes'
    and m.business_id in (select private.business_ids_for_user());
  if business is null or recipient is null then
    raise exception 'no recent reply of yours to a contact with an email' using errcode = '42501';
  end if;
  insert into public.email_outbox (business_id, kind, to_email, subject, body_text)
  values (business, 'staff_reply', recipient, left(p_subject, 300), p_body)
  returning id into email_id;
  return email_id;
end;
$$;
revoke all on function private.queue_staff_reply_email(uuid, text, text) from public, anon, authenticated;
grant execute on function private.queue_staff_reply_email(uuid, text, text) to authenticated;

