-- Why: a row must never change business (issue 19, finding 2). `grant update` on contacts, conversations and leads
-- covered every column, business_id included, and no policy or trigger stopped a row from changing business: an
-- agent of one business who owns another could move its contacts, conversations and leads into their own (keeping
-- them after being removed, and bypassing the owner/admin-only delete). Policies cannot say "this column keeps its
-- value", and the service paths bypass them anyway, so one trigger function refuses the change on every table: the
-- business_id, and every parent id that ties a row to a business (a message's conversation, a chunk's document). Links
-- that may change stay free: an assignee, a team, a lead's latest conversation, the usage log's conversation (their
-- foreign keys are `on delete set null`, so a parent's deletion itself rewrites them). supabase/tests/01 finds these
-- columns from the catalog and fails for a table where one is not guarded.
-- Also: Supabase's default privileges grant every new sequence in public to anon and authenticated, and the audit
-- log's identity sequence was never revoked: any signed-in user could `setval` it and make every later audit insert
-- (every membership, invitation and business change, in every business) fail on a duplicate id.

create or replace function private.keep_row_in_its_business() returns trigger
language plpgsql set search_path = '' as $$
declare
  column_name text;
  old_row jsonb := to_jsonb(old);
  new_row jsonb := to_jsonb(new);
begin
  foreach column_name in array tg_argv loop
    -- A misspelt column would otherwise compare null with null and guard nothing.
    if not old_row ? column_name then
      raise exception 'keep_row_in_its_business: % has no column %', tg_table_name, column_name;
    end if;
    if new_row -> column_name is distinct from old_row -> column_name then
      raise exception '%.% cannot change: a row stays with the business and parent it was created under',
        tg_table_name, column_name using errcode = '42501';
    end if;
  end loop;
  return new;
end;
$$;
revoke all on function private.keep_row_in_its_business() from public, anon, authenticated;

-- Triggers fire in name order; the leading underscore makes this one fire before each table's own checks, so a move is
-- refused as a move, whoever tries it and whatever else the new row would break.
create trigger _keep_row_in_its_business before update on public.memberships
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.invitations
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.contacts
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.contact_identities
  for each row execute function private.keep_row_in_its_business('business_id', 'contact_id');
-- No code re-points a conversation at another contact (there is no contact merge); one that does must say so here.
create trigger _keep_row_in_its_business before update on public.conversations
  for each row execute function private.keep_row_in_its_business('business_id', 'contact_id');
create trigger _keep_row_in_its_business before update on public.messages
  for each row execute function private.keep_row_in_its_business('business_id', 'conversation_id');
create trigger _keep_row_in_its_business before update on public.notifications
  for each row execute function private.keep_row_in_its_business('business_id', 'conversation_id');
create trigger _keep_row_in_its_business before update on public.email_outbox
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.ai_usage
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.audit_log
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.knowledge_documents
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.knowledge_chunks
  for each row execute function private.keep_row_in_its_business('business_id', 'document_id');
create trigger _keep_row_in_its_business before update on public.knowledge_jobs
  for each row execute function private.keep_row_in_its_business('business_id', 'document_id');
create trigger _keep_row_in_its_business before update on public.knowledge_terms
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.widget_settings
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.ai_settings
  for each row execute function private.keep_row_in_its_business('business_id');
-- A returning customer's lead moves to their latest conversation (lib/agent/tools/capture-lead.ts): conversation_id
-- stays free, within the business (private.check_lead_parents).
create trigger _keep_row_in_its_business before update on public.leads
  for each row execute function private.keep_row_in_its_business('business_id', 'contact_id');
create trigger _keep_row_in_its_business before update on public.teams
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.team_members
  for each row execute function private.keep_row_in_its_business('business_id', 'team_id');
create trigger _keep_row_in_its_business before update on public.conversation_reads
  for each row execute function private.keep_row_in_its_business('business_id', 'conversation_id');
create trigger _keep_row_in_its_business before update on public.canned_replies
  for each row execute function private.keep_row_in_its_business('business_id');
create trigger _keep_row_in_its_business before update on public.notification_preferences
  for each row execute function private.keep_row_in_its_business('business_id');

-- The audit log is written by its triggers (as their owner) and by the service role, which keeps its own grant; nobody
-- else needs its sequence.
revoke all on sequence public.audit_log_id_seq from anon, authenticated;
