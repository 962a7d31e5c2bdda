-- Why: the sender claims queued emails with a lease and retries failures with backoff; `updated_at` is rewritten by
-- every update, so the schedule needs a column of its own.
alter table public.email_outbox add column next_attempt_at timestamptz not null default now();
drop index if exists public.email_outbox_queued_idx;
create index email_outbox_queued_idx on public.email_outbox (next_attempt_at) where status = 'queued';
