-- Why: a document and the job that indexes it must be written together, or an upload could be saved and never
-- indexed (or a job could point at nothing). Members cannot write jobs, so a trigger queues one whenever a document
-- becomes pending: on insert, when its content or title changes, or when someone asks for a re-index. A web page
-- that has not been fetched yet (an empty body) gets a fetch job, which indexes it after fetching.

create or replace function private.queue_knowledge_job() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status <> 'pending' then
    return new;
  end if;
  if tg_op = 'UPDATE' and old.status = 'pending' and new.body is not distinct from old.body
    and new.title is not distinct from old.title and new.content_hash is not distinct from old.content_hash then
    return new;
  end if;
  -- A queued job not yet started will read the document as it is now; one is enough.
  if exists (select 1 from public.knowledge_jobs j where j.document_id = new.id and j.status = 'queued') then
    return new;
  end if;
  insert into public.knowledge_jobs (business_id, document_id, kind)
  values (new.business_id, new.id, case when new.kind = 'url' and new.body = '' then 'fetch' else 'index' end);
  return new;
end;
$$;
create trigger knowledge_documents_queue_job after insert or update on public.knowledge_documents
  for each row execute function private.queue_knowledge_job();

-- Re-indexing a failed or stale document is a member action; the worker owns the status column otherwise.
create or replace function public.request_knowledge_reindex(p_document_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  target public.knowledge_documents;
begin
  select * into target from public.knowledge_documents d where d.id = p_document_id
    and d.business_id in (select private.business_ids_for_user());
  if not found then
    raise exception 'knowledge document not found' using errcode = 'P0002';
  end if;
  update public.knowledge_documents set status = 'pending', progress = 0, error = null where id = target.id;
end;
$$;
revoke all on function public.request_knowledge_reindex(uuid) from public, anon;
grant execute on function public.request_knowledge_reindex(uuid) to authenticated;
