-- Why: an open event stream must end when the authority it was opened under does (issue 19, finding 6). A visitor's
-- widget stream was authorised by the business's widget key: replacing the key (or deleting the business) must end it
-- at once, not leave staff replies flowing to a session the key no longer vouches for. A member's stream was
-- authorised by their membership: removing them, or changing their role, must end it too. The streams learn of both
-- on the same realtime channel as everything else. Payloads carry ids only; these events are for the app's own
-- streams and are never forwarded to a browser.

create or replace function private.announce_authority_change() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_table_name = 'businesses' then
    -- Old keys are what open streams hold; a deleted business ends them the same way.
    perform pg_notify('frontdesk_events', jsonb_build_object(
      'type', 'widget.key_changed', 'businessId', old.id, 'conversationId', null, 'id', old.id)::text);
  elsif tg_table_name = 'memberships' then
    perform pg_notify('frontdesk_events', jsonb_build_object(
      'type', 'membership.changed', 'businessId', old.business_id, 'conversationId', null, 'id', old.id, 'userId', old.user_id)::text);
  end if;
  return null;
end;
$$;

create trigger businesses_announce_key_change after update of widget_key on public.businesses
  for each row when (old.widget_key is distinct from new.widget_key) execute function private.announce_authority_change();
create trigger businesses_announce_delete after delete on public.businesses
  for each row execute function private.announce_authority_change();
create trigger memberships_announce_change after update of role on public.memberships
  for each row when (old.role is distinct from new.role) execute function private.announce_authority_change();
create trigger memberships_announce_delete after delete on public.memberships
  for each row execute function private.announce_authority_change();
