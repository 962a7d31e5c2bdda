-- Why: a passage's title and headings carry words its body may lack ("Parking" over "behind the building"), so full
-- text weighs them above the body; vectors are compared only within one embedding model, so a model change can
-- re-embed in the background without mixing incomparable vectors; a web page is fetched by a job like any other
-- long import; renaming a document re-indexes it, since its title is part of every chunk's context.

alter table public.knowledge_chunks add column context text not null default ''
  check (char_length(context) <= 2000);
drop index public.knowledge_chunks_fts_idx;
alter table public.knowledge_chunks drop column fts;
alter table public.knowledge_chunks add column fts tsvector generated always as (
  setweight(to_tsvector(language, context), 'A') || setweight(to_tsvector(language, content), 'B')
) stored;
create index knowledge_chunks_fts_idx on public.knowledge_chunks using gin (fts);
create index knowledge_chunks_model_idx on public.knowledge_chunks (business_id, embedding_model);

alter table public.knowledge_jobs drop constraint knowledge_jobs_kind_check;
alter table public.knowledge_jobs add constraint knowledge_jobs_kind_check check (kind in ('index', 'reembed', 'fetch'));

create or replace function private.reset_knowledge_status() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.content_hash is distinct from old.content_hash or new.body is distinct from old.body
    or new.title is distinct from old.title then
    new.status := 'pending';
    new.progress := 0;
    new.error := null;
  end if;
  return new;
end;
$$;

drop function public.search_knowledge(uuid, text, extensions.vector, integer);

-- Hybrid search over one business's enabled documents: full text (websearch syntax, the chunk's language, headings
-- weighted above the body), exact cosine distance among chunks embedded by the query's model, and trigram word
-- similarity so typos still match, fused by reciprocal rank (k = 60). Security invoker: RLS applies to the caller,
-- and the business id is also an explicit filter.
create or replace function public.search_knowledge(
  p_business_id uuid,
  p_query text,
  p_embedding extensions.vector(512),
  p_limit integer default 5,
  p_embedding_model text default null
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
    select c.id, c.document_id, c.context, c.content, c.fts, c.language, c.embedding, c.embedding_model
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
      and (p_embedding_model is null or embedding_model = p_embedding_model)
    order by r limit 50
  ),
  by_trigram as (
    select id, row_number() over (
      order by extensions.word_similarity(lower(p_query), lower(context || ' ' || content)) desc
    )::int as r
    from candidates
    where extensions.word_similarity(lower(p_query), lower(context || ' ' || content)) > 0.3
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
revoke all on function public.search_knowledge(uuid, text, extensions.vector, integer, text) from public, anon;
grant execute on function public.search_knowledge(uuid, text, extensions.vector, integer, text)
  to authenticated, service_role;
