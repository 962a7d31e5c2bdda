-- Why: a contact's channel identity is how the widget (and later WhatsApp, SMS, email) finds whose conversation a
-- sender's messages belong to. Members could insert and delete identities, so a member could attach their own widget
-- visitor id to any customer of the business and then, through the public widget with their own visitor token, read
-- and write that customer's chat as them, even after being removed from the business; or delete a customer's identity
-- so their next message starts a stranger's conversation. Only the service path that verified the sender (the widget
-- API, channel webhooks) writes identities; members read them.
drop policy if exists contact_identities_insert on public.contact_identities;
drop policy if exists contact_identities_delete on public.contact_identities;
revoke insert, update, delete on public.contact_identities from authenticated;
