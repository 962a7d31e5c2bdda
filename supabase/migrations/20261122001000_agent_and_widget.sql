-- Why: the AI agent answers customers from the website widget. Each business chooses how its widget looks and where
-- it may be embedded (widget_settings), which model answers and when a person must take over (ai_settings); the agent
-- captures leads (one per contact, so a returning customer updates theirs); a conversation keeps the privacy notice
-- the visitor accepted; and every customer message records whether it has been answered, so a turn that failed (model
-- down, process killed) is found and answered again by the sweeper instead of being lost.

create table public.widget_settings (
  business_id uuid primary key references public.businesses (id) on delete cascade,
  color text not null default '#4f46e5' check (color ~ '^#[0-9a-f]{6}$'),
  position text not null default 'right' check (position in ('right', 'left')),
  greeting text not null default 'Hi! How can we help you today?' check (char_length(greeting) between 1 and 500),
  launcher_label text not null default 'Chat with us' check (char_length(launcher_label) between 1 and 40),
  avatar_url text check (avatar_url is null or (avatar_url ~ '^https://' and char_length(avatar_url) <= 2000)),
  -- Empty means any site may embed the widget; otherwise exact origins (scheme://host[:port]).
  allowed_origins text[] not null default '{}' check (
    cardinality(allowed_origins) <= 50
    and array_position(allowed_origins, null) is null
  ),
  privacy_notice text not null default '' check (char_length(privacy_notice) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.ai_settings (
  business_id uuid primary key references public.businesses (id) on delete cascade,
  primary_model text check (primary_model is null or char_length(primary_model) between 1 and 128),
  fallback_model text check (fallback_model is null or char_length(fallback_model) between 1 and 128),
  confidence_threshold real not null default 0.8 check (confidence_threshold between 0 and 1),
  daily_token_budget integer not null default 200000 check (daily_token_budget between 1000 and 100000000),
  instructions text not null default '' check (char_length(instructions) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  conversation_id uuid references public.conversations (id) on delete set null,
  name text not null default '' check (char_length(name) <= 200),
  email text check (email is null or char_length(email) <= 320),
  phone text check (phone is null or char_length(phone) <= 40),
  intent text not null check (char_length(intent) between 1 and 200),
  details text not null default '' check (char_length(details) <= 2000),
  status text not null default 'new' check (status in ('new', 'contacted', 'won', 'lost')),
  channel text not null check (channel in ('widget', 'whatsapp', 'instagram', 'messenger', 'sms', 'email')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Dedupe on the contact: a second capture for the same person updates their lead.
  unique (business_id, contact_id)
);
create index leads_business_id_idx on public.leads (business_id, created_at desc);
create index leads_contact_id_idx on public.leads (contact_id);
create index leads_conversation_id_idx on public.leads (conversation_id);

alter table public.conversations
  add column consented_at timestamptz,
  add column consent_notice text check (consent_notice is null or char_length(consent_notice) <= 2000),
  add column handoff_reason text check (handoff_reason is null or char_length(handoff_reason) <= 64),
  add column handed_off_at timestamptz;

-- Customer messages only: pending until the agent answered, handed it off, or a person owns the conversation.
alter table public.messages
  add column answer_state text check (answer_state in ('pending', 'answered', 'handed_off', 'skipped', 'failed')),
  add column answer_attempts integer not null default 0 check (answer_attempts >= 0),
  add column quick_replies jsonb not null default '[]'::jsonb check (jsonb_typeof(quick_replies) = 'array');
create index messages_pending_answer_idx on public.messages (created_at) where answer_state = 'pending';

create trigger widget_settings_updated_at before update on public.widget_settings
  for each row execute function private.set_updated_at();
create trigger ai_settings_updated_at before update on public.ai_settings
  for each row execute function private.set_updated_at();
create trigger leads_updated_at before update on public.leads
  for each row execute function private.set_updated_at();

create or replace function private.check_lead_parents() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.contacts c where c.id = new.contact_id and c.business_id = new.business_id)
     or (new.conversation_id is not null and not exists (
       select 1 from public.conversations c where c.id = new.conversation_id and c.business_id = new.business_id)) then
    raise exception 'lead points at another business''s contact or conversation' using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger leads_same_business before insert or update on public.leads
  for each row execute function private.check_lead_parents();

-- Every business has its settings rows from the start, so readers never deal with a missing row.
create or replace function private.create_business_settings() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.widget_settings (business_id) values (new.id) on conflict do nothing;
  insert into public.ai_settings (business_id) values (new.id) on conflict do nothing;
  return new;
end;
$$;
create trigger businesses_create_settings after insert on public.businesses
  for each row execute function private.create_business_settings();
insert into public.widget_settings (business_id) select id from public.businesses on conflict do nothing;
insert into public.ai_settings (business_id) select id from public.businesses on conflict do nothing;

alter table public.widget_settings enable row level security;
alter table public.ai_settings enable row level security;
alter table public.leads enable row level security;

revoke all on public.widget_settings, public.ai_settings, public.leads from anon, authenticated;
grant select, update on public.widget_settings, public.ai_settings to authenticated;
grant select, insert, update, delete on public.leads to authenticated;
grant all on public.widget_settings, public.ai_settings, public.leads to service_role;

create policy widget_settings_select on public.widget_settings for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy widget_settings_update on public.widget_settings for update to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy ai_settings_select on public.ai_settings for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy ai_settings_update on public.ai_settings for update to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])))
  with check (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy leads_select on public.leads for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy leads_insert on public.leads for insert to authenticated
  with check (business_id in (select private.business_ids_for_user()));
create policy leads_update on public.leads for update to authenticated
  using (business_id in (select private.business_ids_for_user()))
  with check (business_id in (select private.business_ids_for_user()));
create policy leads_delete on public.leads for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

-- The widget key is public (it sits in the page source), but an owner who sees it abused must be able to replace it.
-- Members cannot update the column directly; this checks the role and draws a new key.
create or replace function public.regenerate_widget_key(p_business_id uuid) returns text
language plpgsql security definer set search_path = '' as $$
declare
  new_key text := 'pk_' || replace(gen_random_uuid()::text, '-', '');
begin
  if p_business_id not in (select private.business_ids_for_user(array['owner', 'admin'])) then
    raise exception 'only owners and admins can replace the widget key' using errcode = '42501';
  end if;
  update public.businesses set widget_key = new_key where id = p_business_id;
  return new_key;
end;
$$;
revoke all on function public.regenerate_widget_key(uuid) from public, anon;
grant execute on function public.regenerate_widget_key(uuid) to authenticated;
