-- Why: every channel lands in one model. A contact may reach the business from several channels (identities); a
-- conversation has one channel and a status that says who is answering; messages are idempotent on the provider's
-- external id so a provider's retried delivery produces one message.

create table public.contacts (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  name text not null default '' check (char_length(name) <= 200),
  email text check (email is null or char_length(email) <= 320),
  phone text check (phone is null or char_length(phone) <= 40),
  locale text check (locale is null or char_length(locale) <= 35),
  last_seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contacts_business_id_idx on public.contacts (business_id, created_at desc);

create table public.contact_identities (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  channel text not null check (channel in ('widget', 'whatsapp', 'instagram', 'messenger', 'sms', 'email')),
  external_id text not null check (char_length(external_id) between 1 and 255),
  created_at timestamptz not null default now(),
  unique (business_id, channel, external_id)
);
create index contact_identities_contact_id_idx on public.contact_identities (contact_id);

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  contact_id uuid not null references public.contacts (id) on delete cascade,
  channel text not null check (channel in ('widget', 'whatsapp', 'instagram', 'messenger', 'sms', 'email')),
  status text not null default 'ai' check (status in ('ai', 'needs_human', 'human', 'resolved')),
  assignee_id uuid references auth.users (id) on delete set null,
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  after_hours boolean not null default false,
  summary text not null default '',
  last_message_at timestamptz not null default now(),
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_business_status_idx on public.conversations (business_id, status, last_message_at desc);
create index conversations_contact_id_idx on public.conversations (contact_id);
create index conversations_assignee_id_idx on public.conversations (assignee_id);

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  channel text not null check (channel in ('widget', 'whatsapp', 'instagram', 'messenger', 'sms', 'email')),
  role text not null check (role in ('customer', 'ai', 'agent', 'system', 'note')),
  content text not null check (char_length(content) <= 32000),
  author_id uuid references auth.users (id) on delete set null,
  external_id text check (external_id is null or char_length(external_id) <= 255),
  delivery_status text not null default 'pending'
    check (delivery_status in ('pending', 'sent', 'delivered', 'read', 'failed')),
  confidence real check (confidence is null or (confidence >= 0 and confidence <= 1)),
  sources jsonb not null default '[]'::jsonb check (jsonb_typeof(sources) = 'array'),
  intent text,
  prompt_tokens integer check (prompt_tokens is null or prompt_tokens >= 0),
  completion_tokens integer check (completion_tokens is null or completion_tokens >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, channel, external_id)
);
create index messages_conversation_id_idx on public.messages (conversation_id, created_at);
create index messages_business_id_idx on public.messages (business_id, created_at desc);
create index messages_author_id_idx on public.messages (author_id);

create trigger contacts_updated_at before update on public.contacts
  for each row execute function private.set_updated_at();
create trigger conversations_updated_at before update on public.conversations
  for each row execute function private.set_updated_at();
create trigger messages_updated_at before update on public.messages
  for each row execute function private.set_updated_at();

-- A child row must belong to the same business as its parent; RLS checks the business id, this checks it is honest.
create or replace function private.check_same_business() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  parent_business uuid;
begin
  if tg_table_name = 'contact_identities' then
    select c.business_id into parent_business from public.contacts c where c.id = new.contact_id;
  elsif tg_table_name = 'conversations' then
    select c.business_id into parent_business from public.contacts c where c.id = new.contact_id;
  elsif tg_table_name in ('messages', 'notifications', 'ai_usage') then
    select c.business_id into parent_business from public.conversations c where c.id = new.conversation_id;
  end if;
  if parent_business is distinct from new.business_id then
    raise exception '% row points at another business''s parent', tg_table_name using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger contact_identities_same_business before insert or update on public.contact_identities
  for each row execute function private.check_same_business();
create trigger conversations_same_business before insert or update on public.conversations
  for each row execute function private.check_same_business();
create trigger messages_same_business before insert or update on public.messages
  for each row execute function private.check_same_business();

alter table public.contacts enable row level security;
alter table public.contact_identities enable row level security;
alter table public.conversations enable row level security;
alter table public.messages enable row level security;

revoke all on public.contacts, public.contact_identities, public.conversations, public.messages from anon, authenticated;
grant select, insert, update, delete on public.contacts to authenticated;
grant select, insert, delete on public.contact_identities to authenticated;
grant select, insert, update, delete on public.conversations to authenticated;
grant select, insert on public.messages to authenticated;
grant all on public.contacts, public.contact_identities, public.conversations, public.messages to service_role;

create policy contacts_select on public.contacts for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy contacts_insert on public.contacts for insert to authenticated
  with check (business_id in (select private.business_ids_for_user()));
create policy contacts_update on public.contacts for update to authenticated
  using (business_id in (select private.business_ids_for_user()))
  with check (business_id in (select private.business_ids_for_user()));
create policy contacts_delete on public.contacts for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy contact_identities_select on public.contact_identities for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy contact_identities_insert on public.contact_identities for insert to authenticated
  with check (business_id in (select private.business_ids_for_user()));
create policy contact_identities_delete on public.contact_identities for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy conversations_select on public.conversations for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy conversations_insert on public.conversations for insert to authenticated
  with check (business_id in (select private.business_ids_for_user()));
create policy conversations_update on public.conversations for update to authenticated
  using (business_id in (select private.business_ids_for_user()))
  with check (business_id in (select private.business_ids_for_user()));
create policy conversations_delete on public.conversations for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));

create policy messages_select on public.messages for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
-- Staff write replies and internal notes in their own name; customer and AI messages come through service paths.
create policy messages_insert on public.messages for insert to authenticated
  with check (
    business_id in (select private.business_ids_for_user())
    and role in ('agent', 'note')
    and author_id = (select auth.uid())
  );
