-- Why: an item and the job that indexes it are written together by a trigger (members cannot write jobs), one queued
-- job per document at a time; a re-index request reaches only the caller's own business's documents.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select plan(10);

insert into auth.users (id, email) values
  ('00000000-0000-4000-a000-000000000ada', 'ada@salon.test'),
  ('00000000-0000-4000-a000-000000000b0b', 'bob@bikes.test');
insert into public.businesses (id, name, vertical, time_zone, currency, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b');

set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';

insert into public.knowledge_documents (id, business_id, title, kind, content_hash, body) values
  ('00000000-0000-4000-c100-0000000000a1', '00000000-0000-4000-b000-00000000000a', 'Prices', 'article', repeat('a', 64), 'Cut 40.'),
  ('00000000-0000-4000-c100-0000000000a2', '00000000-0000-4000-b000-00000000000a', 'https://salon.test/hours', 'url', repeat('b', 64), '');
select results_eq($$select document_id::text || ':' || kind || ':' || status from public.knowledge_jobs order by kind$$,
  array['00000000-0000-4000-c100-0000000000a2:fetch:queued', '00000000-0000-4000-c100-0000000000a1:index:queued'],
  'inserting an item queues its job in the same transaction: a page not yet fetched gets a fetch job');

update public.knowledge_documents set body = 'Cut 45.', content_hash = repeat('c', 64) where id = '00000000-0000-4000-c100-0000000000a1';
select is((select count(*)::int from public.knowledge_jobs where document_id = '00000000-0000-4000-c100-0000000000a1'), 1,
  'an edit while a job is still queued adds no second job: the queued one reads the new text');
update public.knowledge_documents set enabled = false where id = '00000000-0000-4000-c100-0000000000a1';
select is((select count(*)::int from public.knowledge_jobs where document_id = '00000000-0000-4000-c100-0000000000a1'), 1,
  'disabling an item does not re-index it');

-- The worker finishes the job and marks the item ready (as the service role).
reset role;
update public.knowledge_jobs set status = 'done' where document_id = '00000000-0000-4000-c100-0000000000a1';
update public.knowledge_documents set status = 'ready', progress = 100 where id = '00000000-0000-4000-c100-0000000000a1';
set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';

update public.knowledge_documents set title = 'Price list' where id = '00000000-0000-4000-c100-0000000000a1';
select is((select status from public.knowledge_documents where id = '00000000-0000-4000-c100-0000000000a1'), 'pending',
  'a new title sends the item back to indexing (titles are part of every chunk''s context)');
select is((select count(*)::int from public.knowledge_jobs where document_id = '00000000-0000-4000-c100-0000000000a1' and status = 'queued'), 1,
  'and queues a fresh job');

select throws_ok($$update public.knowledge_documents set status = 'ready' where id = '00000000-0000-4000-c100-0000000000a1'$$,
  '42501', 'permission denied for table knowledge_documents', 'members cannot mark an item indexed: the worker owns its status');
select throws_ok($$insert into public.knowledge_jobs (business_id, document_id, kind) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c100-0000000000a1', 'index')$$,
  '42501', 'permission denied for table knowledge_jobs', 'members cannot queue jobs directly');

reset role;
update public.knowledge_jobs set status = 'failed' where document_id = '00000000-0000-4000-c100-0000000000a1';
update public.knowledge_documents set status = 'failed', error = 'boom' where id = '00000000-0000-4000-c100-0000000000a1';
set local role authenticated;

set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000b0b","role":"authenticated"}';
select throws_ok($$select public.request_knowledge_reindex('00000000-0000-4000-c100-0000000000a1')$$,
  'P0002', 'knowledge document not found', 'Bob cannot re-index Ada''s item, nor learn that it exists');

set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-000000000ada","role":"authenticated"}';
select lives_ok($$select public.request_knowledge_reindex('00000000-0000-4000-c100-0000000000a1')$$, 'Ada retries her failed item');
select is((select status || ':' || coalesce(error, '-') from public.knowledge_documents where id = '00000000-0000-4000-c100-0000000000a1')
  || ':' || (select count(*) from public.knowledge_jobs where document_id = '00000000-0000-4000-c100-0000000000a1' and status = 'queued'),
  'pending:-:1', 'the retry clears the error and queues one job');

select * from finish();
rollback;
