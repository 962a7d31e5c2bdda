-- Why: the knowledge base is what the assistant answers from. Search must rank the right passage first by meaning,
-- words or a typo, never reach another business's passages (even identical ones), and skip disabled documents;
-- members teach it, only owners and admins delete from it, and only the worker writes chunks.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = public, extensions;
select plan(23);

insert into auth.users (id, email) values
  ('00000000-0000-4000-a000-000000000ada', 'ada@salon.test'),
  ('00000000-0000-4000-a000-0000000ca201', 'carol@salon.test'),
  ('00000000-0000-4000-a000-000000000b0b', 'bob@bikes.test');
insert into public.businesses (id, name, vertical, time_zone, currency, created_by) values
  ('00000000-0000-4000-b000-00000000000a', 'Ada''s Salon', 'salon', 'Europe/London', 'GBP', '00000000-0000-4000-a000-000000000ada'),
  ('00000000-0000-4000-b000-00000000000b', 'Bob''s Bikes', 'retail', 'Europe/Dublin', 'EUR', '00000000-0000-4000-a000-000000000b0b');
insert into public.memberships (business_id, user_id, role) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-a000-0000000ca201', 'agent');

-- A unit vector along one axis of the 512 dimensions, so distances in this test are exact and readable.
create function pg_temp.axis(i integer) returns extensions.vector language sql as $$
  select (array_fill(0::real, array[i - 1]) || array[1::real] || array_fill(0::real, array[512 - i]))::extensions.vector
$$;

insert into public.knowledge_documents (id, business_id, title, kind, category, content_hash, enabled) values
  ('00000000-0000-4000-c100-0000000000a1', '00000000-0000-4000-b000-00000000000a', 'Cancellation policy', 'article', 'policies', repeat('a', 64), true),
  ('00000000-0000-4000-c100-0000000000a2', '00000000-0000-4000-b000-00000000000a', 'Prices', 'article', 'prices', repeat('b', 64), true),
  ('00000000-0000-4000-c100-0000000000a3', '00000000-0000-4000-b000-00000000000a', 'Old parking notes', 'article', 'location', repeat('c', 64), false),
  ('00000000-0000-4000-c100-0000000000b1', '00000000-0000-4000-b000-00000000000b', 'Cancellation policy', 'article', 'policies', repeat('a', 64), true);
insert into public.knowledge_chunks (business_id, document_id, chunk_index, heading_path, content, token_count, language, embedding) values
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c100-0000000000a1', 0, '{Cancellations}',
   'Cancel or move your appointment up to 24 hours before at no charge; later cancellations pay half the service.', 22, 'english', pg_temp.axis(1)),
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c100-0000000000a2', 0, '{Prices,Colour}',
   'A full colour costs 65 pounds and a cut and blow-dry 40 pounds. Book on WhatsApp.', 17, 'english', pg_temp.axis(2)),
  ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c100-0000000000a3', 0, '{Parking}',
   'Free parking behind the salon on Saturdays.', 8, 'english', pg_temp.axis(3)),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c100-0000000000b1', 0, '{Cancellations}',
   'Cancel or move your appointment up to 24 hours before at no charge; later cancellations pay half the service.', 22, 'english', pg_temp.axis(1)),
  ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c100-0000000000b1', 1, '{Repairs}',
   'A puncture is repaired while you wait.', 8, 'english', pg_temp.axis(4));

set local role authenticated;
set local request.jwt.claims = '{"sub":"00000000-0000-4000-a000-0000000ca201","role":"authenticated"}';

select is((select title from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'cancel my appointment', pg_temp.axis(1)) limit 1),
  'Cancellation policy', 'words and meaning agree: the cancellation policy comes first');
select is((select title from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'how much is a colour', null) limit 1),
  'Prices', 'full text alone finds the prices (no embedding given)');
select is((select title from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'zzz', pg_temp.axis(2)) limit 1),
  'Prices', 'meaning alone finds the prices when no word matches');
select is((select title from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'cancelation', null) limit 1),
  'Cancellation policy', 'a misspelt word still matches through trigrams');
select is((select heading_path from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'colour', null) limit 1),
  array['Prices', 'Colour'], 'results carry the heading path of their chunk');
select ok((select bool_and(document_id <> '00000000-0000-4000-c100-0000000000b1')
  from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'cancel appointment', pg_temp.axis(1), 50)),
  'identical text in Bob''s Bikes never appears in the salon''s results');
select is((select count(*)::int from public.search_knowledge('00000000-0000-4000-b000-00000000000b', 'cancel appointment', pg_temp.axis(1))),
  0, 'asking for Bob''s business id as a salon member returns nothing (RLS)');
select is((select count(*)::int from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'parking saturday', pg_temp.axis(3), 50)
  where title = 'Old parking notes'), 0, 'a disabled document is never used');
select ok((select score > 0 and (fts_rank is not null or vector_rank is not null)
  from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'cancel', pg_temp.axis(1)) limit 1),
  'results carry the fused score and the ranks that produced it');

select is((select count(*)::int from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'colour toothbrush -zzz', null, 50)),
  1, 'an exclusion narrows the words-only search; it never widens it to every passage without that word');

select is((select count(*)::int from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'haircut colour -pounds', null, 50)),
  0, 'the any-word fallback still honours exclusions');
select is((select count(*)::int from public.search_knowledge('00000000-0000-4000-b000-00000000000a', '-zzz', pg_temp.axis(9), 50)
  where fts_rank is not null), 0, 'a question of exclusions only matches no passage by its words');

-- Typos the stemmer cannot fix are corrected against the words this business uses, and only its own words.
select is((select title || ':' || (trigram_rank is not null)::text
  from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'how much is a colur', null) limit 1),
  'Prices:true', '"colur" is read as "colour", a word the salon''s knowledge uses');
select is((select count(*)::int from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'what time do you close', null)),
  0, 'question words are not typos: "what" is never read as "whatsapp"');
select is((select count(*)::int from public.search_knowledge('00000000-0000-4000-b000-00000000000a', 'pucture', null)),
  0, 'a typo is never corrected towards a word only another business uses');
select ok((select count(*) > 0 from public.knowledge_terms where business_id = '00000000-0000-4000-b000-00000000000a'),
  'a member reads their business''s vocabulary (control)');
select is((select count(*)::int from public.knowledge_terms where business_id = '00000000-0000-4000-b000-00000000000b'),
  0, 'and none of another business''s');

-- Teaching and deleting.
select lives_ok($$insert into public.knowledge_documents (business_id, title, kind, content_hash, body)
  values ('00000000-0000-4000-b000-00000000000a', 'Opening hours', 'article', repeat('d', 64), 'Open Tuesday to Saturday.')$$,
  'an agent teaches the assistant a new article');
select throws_ok($$insert into public.knowledge_chunks (business_id, document_id, chunk_index, content, token_count)
  values ('00000000-0000-4000-b000-00000000000a', '00000000-0000-4000-c100-0000000000a2', 1, 'Forged chunk', 2)$$,
  '42501', 'permission denied for table knowledge_chunks', 'members never write chunks: the indexing worker does');
delete from public.knowledge_documents where id = '00000000-0000-4000-c100-0000000000a2';
select is((select count(*)::int from public.knowledge_documents where id = '00000000-0000-4000-c100-0000000000a2'),
  1, 'an agent cannot delete a document');
reset role;
update public.knowledge_documents set status = 'ready', progress = 100 where id = '00000000-0000-4000-c100-0000000000a2';
update public.knowledge_documents set body = 'New prices from May.', content_hash = repeat('e', 64)
  where id = '00000000-0000-4000-c100-0000000000a2';
select is((select status || ':' || progress from public.knowledge_documents where id = '00000000-0000-4000-c100-0000000000a2'),
  'pending:0', 'a new body sends the document back to the indexer');
select throws_ok($$insert into public.knowledge_chunks (business_id, document_id, chunk_index, content, token_count)
  values ('00000000-0000-4000-b000-00000000000b', '00000000-0000-4000-c100-0000000000a2', 5, 'Cross-business chunk', 2)$$,
  '23514', 'knowledge_chunks row points at another business''s document', 'a chunk cannot hang off another business''s document');

delete from public.knowledge_chunks where document_id = '00000000-0000-4000-c100-0000000000b1' and chunk_index = 1;
select is((select array_agg(term order by term) from public.knowledge_terms
  where business_id = '00000000-0000-4000-b000-00000000000b' and term in ('punctur', 'repair', 'cancel')),
  array['cancel'], 'words of a deleted passage leave the vocabulary; words other passages still use stay');

select * from finish();
rollback;
