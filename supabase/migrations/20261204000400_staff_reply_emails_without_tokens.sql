-- Why: staff-reply emails used to be stored with the visitor's live token in their chat link (`#t=…`), and owners
-- can read the outbox. New ones store a placeholder and the token is minted only when the email is sent. This removes
-- the tokens already stored: the link keeps pointing at the business's chat, which then opens a fresh session.
update public.email_outbox
set body_text = regexp_replace(body_text, '(/widget/frame\?key=[^#[:space:]]*)#t=[^[:space:]]*', '\1', 'g'),
    updated_at = now()
where kind = 'staff_reply' and body_text ~ '/widget/frame\?key=[^#[:space:]]*#t=';
