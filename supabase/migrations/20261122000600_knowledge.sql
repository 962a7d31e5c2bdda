-- Why: the assistant answers from what the business taught it. Documents (articles, FAQs, files, web pages) are split
-- into chunks that carry a full-text vector, a trigram-searchable text and an embedding; indexing happens in a durable
-- job queue outside the request that uploaded; one SQL function ranks a business's chunks by reciprocal rank fusion.
-- Vectors are searched exactly within one business (a b-tree on business_id narrows the scan): on this scale an exact
-- scan has perfect recall and avoids pgvector's filtered-HNSW pitfall of returning too few rows.

create table public.knowledge_documents (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  title text not null check (char_length(btrim(title)) between 1 and 300),
  kind text not null check (kind in ('article', 'faq', 'file', 'url')),
  category text not null default 'other'
    check (category in ('rooms', 'rates', 'services', 'prices', 'policies', 'faq', 'hours', 'location', 'other')),
  source_name text check (source_name is null or char_length(source_name) <= 2048),
  mime_type text check (mime_type is null or char_length(mime_type) <= 255),
  -- SHA-256 of the normalised source, so the same upload is recognised and offered as an update.
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  body text not null default '' check (char_length(body) <= 2000000),
  enabled boolean not null default true,
  status text not null default 'pending' check (status in ('pending', 'processing', 'ready', 'failed')),
  progress smallint not null default 0 check (progress between 0 and 100),
  error text,
  chunk_count integer not null default 0 check (chunk_count >= 0),
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  embedding_model text,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (business_id, content_hash)
);
create index knowledge_documents_business_idx on public.knowledge_documents (business_id, updated_at desc);
create index knowledge_documents_created_by_idx on public.knowledge_documents (created_by);

create table public.knowledge_chunks (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  document_id uuid not null references public.knowledge_documents (id) on delete cascade,
  chunk_index integer not null check (chunk_index >= 0),
  heading_path text[] not null default '{}',
  content text not null check (char_length(content) between 1 and 20000),
  token_count integer not null check (token_count >= 0),
  language regconfig not null default 'simple',
  fts tsvector generated always as (to_tsvector(language, content)) stored,
  embedding extensions.vector(512),
  embedding_model text,
  created_at timestamptz not null default now(),
  unique (document_id, chunk_index)
);
create index knowledge_chunks_business_idx on public.knowledge_chunks (business_id, document_id);
create index knowledge_chunks_fts_idx on public.knowledge_chunks using gin (fts);
create index knowledge_chunks_trgm_idx on public.knowledge_chunks using gin (content extensions.gin_trgm_ops);

create table public.knowledge_jobs (
  id uuid primary key default gen_random_uuid(),
  business_id uuid not null references public.businesses (id) on delete cascade,
  document_id uuid not null references public.knowledge_documents (id) on delete cascade,
  kind text not null check (kind in ('index', 'reembed')),
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  run_after timestamptz not null default now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index knowledge_jobs_business_idx on public.knowledge_jobs (business_id, created_at desc);
create index knowledge_jobs_document_idx on public.knowledge_jobs (document_id);
create index knowledge_jobs_due_idx on public.knowledge_jobs (run_after) where status in ('queued', 'running');

create trigger knowledge_documents_updated_at before update on public.knowledge_documents
  for each row execute function private.set_updated_at();
create trigger knowledge_jobs_updated_at before update on public.knowledge_jobs
  for each row execute function private.set_updated_at();

create or replace function private.reset_knowledge_status() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.content_hash is distinct from old.content_hash or new.body is distinct from old.body then
    new.status := 'pending';
    new.progress := 0;
    new.error := null;
  end if;
  return new;
end;
$$;
create trigger knowledge_documents_reindex before update on public.knowledge_documents
  for each row execute function private.reset_knowledge_status();

-- Chunks and jobs must belong to their document's business.
create or replace function private.check_knowledge_parent() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (
    select 1 from public.knowledge_documents d where d.id = new.document_id and d.business_id = new.business_id
  ) then
    raise exception '% row points at another business''s document', tg_table_name using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger knowledge_chunks_same_business before insert or update on public.knowledge_chunks
  for each row execute function private.check_knowledge_parent();
create trigger knowledge_jobs_same_business before insert or update on public.knowledge_jobs
  for each row execute function private.check_knowledge_parent();

alter table public.knowledge_documents enable row level security;
alter table public.knowledge_chunks enable row level security;
alter table public.knowledge_jobs enable row level security;

revoke all on public.knowledge_documents, public.knowledge_chunks, public.knowledge_jobs from anon, authenticated;
-- Every member may read and teach the knowledge base; only owners and admins delete from it. Chunks and jobs are
-- written by the indexing worker through the service client.
grant select, insert, delete on public.knowledge_documents to authenticated;
-- Indexing state (status, progress, error, counts) belongs to the worker; a new body sends the document back to it.
grant update (title, category, body, enabled, content_hash, source_name, mime_type) on public.knowledge_documents to authenticated;
grant select on public.knowledge_chunks to authenticated;
grant select on public.knowledge_jobs to authenticated;
grant all on public.knowledge_documents, public.knowledge_chunks, public.knowledge_jobs to service_role;

create policy knowledge_documents_select on public.knowledge_documents for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy knowledge_documents_insert on public.knowledge_documents for insert to authenticated
  with check (business_id in (select private.business_ids_for_user()));
create policy knowledge_documents_update on public.knowledge_documents for update to authenticated
  using (business_id in (select private.business_ids_for_user()))
  with check (business_id in (select private.business_ids_for_user()));
create policy knowledge_documents_delete on public.knowledge_documents for delete to authenticated
  using (business_id in (select private.business_ids_for_user(array['owner', 'admin'])));
create policy knowledge_chunks_select on public.knowledge_chunks for select to authenticated
  using (business_id in (select private.business_ids_for_user()));
create policy knowledge_jobs_select on public.knowledge_jobs for select to authenticated
  using (business_id in (select private.business_ids_for_user()));

-- Hybrid search over one business's enabled documents: full text (websearch syntax, the chunk's language), exact
-- cosine distance, and trigram word similarity so typos still match, fused by reciprocal rank (k = 60). Security
-- invoker: RLS applies to the caller, and the business id is also an explicit filter.
create or replace function public.search_knowledge(
  p_business_id uuid,
  p_query text,
  p_embedding extensions.vector(512),
  p_limit integer default 5
)
returns table (
  chunk_id uuid,
  document_id uuid,
  title text,
  category text,
  heading_path text[],
  content text,
  score double precision,
  fts_rank integer,
  vector_rank integer,
  trigram_rank integer
)
language sql stable security invoker set search_path = '' as $$
  with candidates as (
    select c.id, c.document_id, c.content, c.fts, c.language, c.embedding
    from public.knowledge_chunks c
    join public.knowledge_documents d on d.id = c.document_id
    where c.business_id = p_business_id and d.business_id = p_business_id and d.enabled
  ),
  by_fts as (
    select id, row_number() over (order by ts_rank_cd(fts, q) desc)::int as r
    from candidates, lateral (select websearch_to_tsquery(language, p_query) as q) w
    where fts @@ q
    order by r limit 50
  ),
  by_vector as (
    select id, row_number() over (order by embedding operator(extensions.<=>) p_embedding)::int as r
    from candidates
    where embedding is not null and p_embedding is not null
    order by r limit 50
  ),
  by_trigram as (
    select id, row_number() over (order by extensions.word_similarity(lower(p_query), lower(content)) desc)::int as r
    from candidates
    where extensions.word_similarity(lower(p_query), lower(content)) > 0.3
    order by r limit 50
  ),
  fused as (
    select id,
      coalesce(1.0 / (60 + f.r), 0) + coalesce(1.0 / (60 + v.r), 0) + coalesce(1.0 / (60 + t.r), 0) as score,
      f.r as fts_rank, v.r as vector_rank, t.r as trigram_rank
    from (select id from by_fts union select id from by_vector union select id from by_trigram) ids
    left join by_fts f using (id)
    left join by_vector v using (id)
    left join by_trigram t using (id)
  )
  select c.id, c.document_id, d.title, d.category, c.heading_path, c.content, fu.score, fu.fts_rank, fu.vector_rank,
    fu.trigram_rank
  from fused fu
  join public.knowledge_chunks c on c.id = fu.id
  join public.knowledge_documents d on d.id = c.document_id
  order by fu.score desc, c.id
  limit least(greatest(p_limit, 1), 50)
$$;
revoke all on function public.search_knowledge(uuid, text, extensions.vector, integer) from public, anon;
grant execute on function public.search_knowledge(uuid, text, extensions.vector, integer) to authenticated, service_role;
