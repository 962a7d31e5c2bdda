-- Why: trigram word similarity of the question against every chunk of a business cost about 165 ms of the 180 ms a
-- search took for 1,000 chunks in PGlite (npm run bench:retrieval), and a whole question matched against whole
-- passages mostly adds noise. pg_trgm's own recipe for misspellings is used instead: a table of the words each
-- business's knowledge uses, trigram-indexed; a question word the business never uses is replaced by the closest
-- words it does use ("balyage" -> "balayage"), and the chunks holding those words form the typo-tolerant list that
-- reciprocal rank fusion adds to the full-text and vector lists. Fusion now uses k = 10 instead of 60: only the top
-- five passages reach the assistant, and on the benchmark's 75 customer questions recall@5 measured 0.893 with
-- k = 60, 0.907 with 20 and 0.920 with 10. docs/knowledge-retrieval.md has the other measurements.

create table public.knowledge_terms (
  business_id uuid not null references public.businesses (id) on delete cascade,
  term text not null check (char_length(term) between 3 and 40),
  primary key (business_id, term)
);
create index knowledge_terms_trgm_idx on public.knowledge_terms using gin (term extensions.gin_trgm_ops);

alter table public.knowledge_terms enable row level security;
revoke all on public.knowledge_terms from anon, authenticated;
grant select on public.knowledge_terms to authenticated;
grant all on public.knowledge_terms to service_role;
create policy knowledge_terms_select on public.knowledge_terms for select to authenticated
  using (business_id in (select private.business_ids_for_user()));

-- The words of new or changed chunks, as full text indexes them (title, headings and text; stemmed in the chunk's
-- language; no digits or quotes), join their business's vocabulary; the words of deleted chunks leave it unless another
-- chunk still uses them, so nothing of a deleted document stays readable or is offered as a correction. Indexing jobs
-- of one business may run at once and insert the same new words in different orders: a transaction-scoped advisory
-- lock per business makes them take turns on the vocabulary instead of deadlocking.
create or replace function private.lock_knowledge_terms(p_business_ids uuid[]) returns void
language sql set search_path = '' as $$
  select pg_advisory_xact_lock(hashtextextended('knowledge_terms:' || b::text, 0))
  from (select distinct unnest(p_business_ids) as b order by 1) x
$$;
revoke all on function private.lock_knowledge_terms(uuid[]) from public, anon, authenticated;

create or replace function private.collect_knowledge_terms() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.lock_knowledge_terms(array(select distinct n.business_id from new_chunks n));
  insert into public.knowledge_terms (business_id, term)
  select distinct n.business_id, t.term
  from new_chunks n,
    lateral unnest(tsvector_to_array(n.fts)) as t(term)
  where char_length(t.term) between 3 and 40 and t.term !~ '[0-9''\\]'
  order by 1, 2
  on conflict do nothing;
  return null;
end;
$$;
revoke all on function private.collect_knowledge_terms() from public, anon, authenticated;
create trigger knowledge_chunks_terms_insert after insert on public.knowledge_chunks
  referencing new table as new_chunks for each statement execute function private.collect_knowledge_terms();
create trigger knowledge_chunks_terms_update after update on public.knowledge_chunks
  referencing new table as new_chunks for each statement execute function private.collect_knowledge_terms();

create or replace function private.forget_knowledge_terms() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform private.lock_knowledge_terms(array(select distinct o.business_id from old_chunks o));
  delete from public.knowledge_terms k
  using (
    select distinct o.business_id, t.term
    from old_chunks o, lateral unnest(tsvector_to_array(o.fts)) as t(term)
  ) gone
  where k.business_id = gone.business_id and k.term = gone.term
    and not exists (
      select 1 from public.knowledge_chunks c
      where c.business_id = gone.business_id and c.fts @@ quote_literal(gone.term)::tsquery
    );
  return null;
end;
$$;
revoke all on function private.forget_knowledge_terms() from public, anon, authenticated;
create trigger knowledge_chunks_terms_delete after delete on public.knowledge_chunks
  referencing old table as old_chunks for each statement execute function private.forget_knowledge_terms();

insert into public.knowledge_terms (business_id, term)
select distinct c.business_id, t.term
from public.knowledge_chunks c,
  lateral unnest(tsvector_to_array(c.fts)) as t(term)
where char_length(t.term) between 3 and 40 and t.term !~ '[0-9''\\]'
on conflict do nothing;

-- The whole-passage trigram index served only the old trigram list; the search reads a business's languages from
-- this one.
drop index public.knowledge_chunks_trgm_idx;
create index knowledge_chunks_language_idx on public.knowledge_chunks (business_id, language);

-- Vectors stay in their row. A 512-dimension vector is 2 KB, which TOAST otherwise moves out of line: reading a
-- business's 1,000 back for an exact scan took 6.5 ms instead of 1.9 ms (rows written from now on; re-indexing and
-- re-embedding rewrite the rest).
alter table public.knowledge_chunks alter column embedding set storage plain;

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
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
declare
  v_language regconfig;
  v_languages regconfig[] := '{}';
  v_strict_by tsquery[] := '{}';
  v_loose_by tsquery[] := '{}';
  v_one tsquery;
  v_words tsquery;
  v_not tsquery;
  v_exclusion text;
  v_strict tsquery;
  v_loose tsquery;
  v_fix tsquery;
  v_fix_text text;
  -- The question without its exclusions (-word, -"a phrase").
  v_positive text := regexp_replace(coalesce(p_query, ''), '(^|\s)-("[^"]*"?|\S+)', ' ', 'g');
begin
  -- The question in websearch syntax ("quoted phrases", -exclusions, or) once per language of the business's chunks
  -- (one, unless its locale changed; read by skipping through the index). `loose` is any of its words, still without
  -- the excluded ones. Built here, before the search, so the search sees them as parameters and can use the
  -- full-text index (the OR of all languages) instead of decompressing every chunk's tsvector; each chunk is then held
  -- to its own language's query, so an exclusion in one language's stems is never bypassed by another's.
  for v_language in
    with recursive l(language) as (
      (select c.language from public.knowledge_chunks c where c.business_id = p_business_id order by c.language limit 1)
      union all
      select (
        select c.language from public.knowledge_chunks c
        where c.business_id = p_business_id and c.language > l.language order by c.language limit 1
      )
      from l where l.language is not null
    )
    select l.language from l where l.language is not null
  loop
    v_languages := v_languages || v_language;
    v_one := websearch_to_tsquery(v_language, p_query);
    v_words := plainto_tsquery(v_language, v_positive);
    if numnode(v_words) > 0 then
      v_not := null;
      for v_exclusion in select m[2] from regexp_matches(coalesce(p_query, ''), '(^|\s)-("[^"]*"?|\S+)', 'g') as m loop
        v_exclusion := btrim(v_exclusion, '"');
        if numnode(plainto_tsquery(v_language, v_exclusion)) > 0 then
          v_not := case when v_not is null then !! plainto_tsquery(v_language, v_exclusion)
            else v_not && !! plainto_tsquery(v_language, v_exclusion) end;
        end if;
      end loop;
      v_words := replace(v_words::text, ' & ', ' | ')::tsquery;
      if v_not is not null then
        v_words := v_words && v_not;
      end if;
      v_strict_by := v_strict_by || v_one;
      v_loose_by := v_loose_by || v_words;
      v_strict := case when v_strict is null then v_one else v_strict || v_one end;
      v_loose := case when v_loose is null then v_words else v_loose || v_words end;
    else
      -- Nothing but stop words or exclusions: no word to look for in this language.
      v_strict_by := v_strict_by || null::tsquery;
      v_loose_by := v_loose_by || null::tsquery;
    end if;
  end loop;

  -- Question words (not excluded, not a stop word in any of the business's languages; stemmed as full text reads
  -- them) of four letters or more that no passage of this business uses, each replaced by the three closest words it
  -- does use: trigram similarity above pg_trgm's threshold (0.3 by default) and at most two letters longer or shorter,
  -- as typos are. The replacements are stems already, so the query takes them as they are ('simple').
  select string_agg(quote_literal(s.term), ' | ') into v_fix_text
  from (
    select distinct stem.word
    from unnest(tsvector_to_array(to_tsvector('simple'::regconfig, v_positive))) as raw(word),
      unnest(v_languages) as l(language),
      lateral unnest(tsvector_to_array(to_tsvector(l.language, raw.word))) as stem(word)
    where not exists (select 1 from unnest(v_languages) as s(language) where numnode(plainto_tsquery(s.language, raw.word)) = 0)
      and char_length(stem.word) between 4 and 40 and stem.word !~ '[0-9''\\]'
      and not exists (select 1 from public.knowledge_terms k where k.business_id = p_business_id and k.term = stem.word)
  ) w,
    lateral (
      select k.term from public.knowledge_terms k
      where k.business_id = p_business_id and k.term operator(extensions.%) w.word
        and abs(char_length(k.term) - char_length(w.word)) <= 2
      order by extensions.similarity(k.term, w.word) desc, k.term
      limit 3
    ) s;
  if v_fix_text is not null then
    v_fix := to_tsquery('simple'::regconfig, v_fix_text);
  end if;

  -- PL/pgSQL keeps this statement's plan across calls; a SQL function was planned afresh each time (about 4 ms).
  -- Vectors are compared exactly over the business's chunks (the b-tree on business_id), never through an
  -- approximate index filtered afterwards.
  return query
  with documents as materialized (
    select d.id from public.knowledge_documents d where d.business_id = p_business_id and d.enabled
  ),
  -- Passages with all the question's words. Without an embedding (the embedding service is down), and only when no
  -- passage has them all, passages with any ("how much is a colour" against "A full colour costs 65 pounds"). With
  -- vectors, matching any word measured lower recall (0.880 against 0.920): customers' questions carry words the
  -- answer does not repeat, the vector list already finds such passages, and the other matches are noise.
  strict_hits as materialized (
    select c.id, ts_rank_cd(c.fts, q.q) as rank
    from public.knowledge_chunks c,
      lateral (select v_strict_by[array_position(v_languages, c.language)] as q) q
    where v_strict is not null and c.fts @@ v_strict and c.fts @@ q.q
      and c.business_id = p_business_id and c.document_id in (select id from documents)
  ),
  loose_hits as (
    select c.id, ts_rank_cd(c.fts, q.q) as rank
    from public.knowledge_chunks c,
      lateral (select v_loose_by[array_position(v_languages, c.language)] as q) q
    where p_embedding is null and v_loose is not null and not exists (select 1 from strict_hits)
      and c.fts @@ v_loose and c.fts @@ q.q and c.business_id = p_business_id and c.document_id in (select id from documents)
  ),
  by_fts as (
    select h.id, row_number() over (order by h.rank desc, h.id)::int as r
    from (select * from strict_hits union all select * from loose_hits) h
    order by r limit 50
  ),
  by_vector as (
    select c.id, row_number() over (order by c.embedding operator(extensions.<=>) p_embedding, c.id)::int as r
    from public.knowledge_chunks c
    where c.business_id = p_business_id and c.document_id in (select id from documents)
      and c.embedding is not null and p_embedding is not null
      and (p_embedding_model is null or c.embedding_model = p_embedding_model)
    order by r limit 50
  ),
  by_trigram as (
    select c.id, row_number() over (order by ts_rank_cd(c.fts, v_fix) desc, c.id)::int as r
    from public.knowledge_chunks c
    where v_fix is not null and c.fts @@ v_fix
      and c.business_id = p_business_id and c.document_id in (select id from documents)
    order by r limit 50
  ),
  fused as (
    select id,
      coalesce(1.0 / (10 + f.r), 0) + coalesce(1.0 / (10 + v.r), 0) + coalesce(1.0 / (10 + t.r), 0) as score,
      f.r as fts_rank, v.r as vector_rank, t.r as trigram_rank
    from (select id from by_fts union select id from by_vector union select id from by_trigram) ids
    left join by_fts f using (id)
    left join by_vector v using (id)
    left join by_trigram t using (id)
  )
  select c.id, c.document_id, d.title, d.category, c.heading_path, c.content, fu.score::double precision, fu.fts_rank, fu.vector_rank,
    fu.trigram_rank
  from fused fu
  join public.knowledge_chunks c on c.id = fu.id
  join public.knowledge_documents d on d.id = c.document_id
  order by fu.score desc, c.id
  limit least(greatest(p_limit, 1), 50);
end;
$$;
