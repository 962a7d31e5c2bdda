-- Demo data for a fresh embedded database (and `supabase db reset` on a local Supabase stack): one salon with its
-- owner and the knowledge its assistant answers from, so a new developer can sign in and try it at once. Sign in as
-- demo@frontdesk.local / Frontdesk-Demo-2026.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', '6f0c2a1e-5d0b-4c1e-9a57-3b2f8e9d0a01', 'authenticated',
        'authenticated', 'demo@frontdesk.local', extensions.crypt('Frontdesk-Demo-2026', extensions.gen_salt('bf', 10)),
        now(), '{"provider":"email","providers":["email"]}', '{"full_name":"Maya Lindqvist"}', now(), now())
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
values ('6f0c2a1e-5d0b-4c1e-9a57-3b2f8e9d0a01', '6f0c2a1e-5d0b-4c1e-9a57-3b2f8e9d0a01',
        '{"sub":"6f0c2a1e-5d0b-4c1e-9a57-3b2f8e9d0a01","email":"demo@frontdesk.local","email_verified":true}',
        'email', now(), now())
on conflict (provider_id, provider) do nothing;

-- The widget key is fixed so the README and the browser tests can embed the demo widget without looking it up.
insert into public.businesses (id, name, vertical, time_zone, currency, locale, opening_hours, widget_key, created_by)
values ('b7d3e0c4-1f6a-4b9e-8c2d-5a4f3e2d1c01', 'Lumen Hair Studio', 'salon', 'Europe/Lisbon', 'EUR', 'en',
        '{"mon":[],"tue":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"19:00"}],
          "wed":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"19:00"}],
          "thu":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"20:00"}],
          "fri":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"20:00"}],
          "sat":[{"open":"09:00","close":"16:00"}],"sun":[]}',
        'pk_b7d3e0c41f6a4b9e8c2d5a4f3e2d1c01', '6f0c2a1e-5d0b-4c1e-9a57-3b2f8e9d0a01')
on conflict (id) do nothing;

-- What the studio has taught its assistant. Inserted as pending: the queue trigger files an indexing job for each, and
-- the worker chunks and embeds them when the app starts (the Knowledge page shows them indexing, then ready).
insert into public.knowledge_documents (id, business_id, title, kind, category, body, content_hash, created_by)
select v.id, 'b7d3e0c4-1f6a-4b9e-8c2d-5a4f3e2d1c01', v.title, v.kind, v.category, v.body,
       encode(extensions.digest(v.kind || E'\n' || v.body, 'sha256'), 'hex'), '6f0c2a1e-5d0b-4c1e-9a57-3b2f8e9d0a01'
from (values
  ('c4a1d2e3-0001-4a00-9000-00000000a001'::uuid, 'Services and prices', 'article', 'prices', $md$# Cuts and styling

- Women's cut and blow-dry: €48 (about 60 minutes)
- Men's cut: €28 (30 minutes); with beard trim €35
- Children's cut (under 12): €20
- Blow-dry only: €30; curls or waves €38
- Fringe trims are free for clients between appointments.

# Colour

- Roots touch-up: €52 (90 minutes)
- Full head colour: from €68
- Half head highlights: €78; full head €98
- Balayage: from €125, about three hours including toner and blow-dry
- Toner or gloss: €30

A skin patch test is needed at least 48 hours before your first colour with us. It takes five minutes at the
reception desk, free of charge.

# Treatments

- Olaplex repair treatment: €25 added to any service, or €40 on its own
- Keratin smoothing: from €160, lasts about three months
- Scalp massage: €15 added to any service

Prices are for medium-length hair; very long or thick hair can cost up to 20% more, and your stylist will tell you
before starting.$md$),
  ('c4a1d2e3-0001-4a00-9000-00000000a002'::uuid, 'Booking and cancellation policy', 'article', 'policies', $md$# Booking

Book online, in the website chat, on WhatsApp or by phone on +351 21 000 0420. Colour and treatments need a
booking; walk-ins for cuts are welcome when a stylist is free.

# Deposits

Appointments over €100 (balayage, keratin) need a €30 deposit when booking, taken off the final bill.

# Cancelling or moving an appointment

Please give at least 24 hours' notice to cancel or move an appointment, at no charge. Later cancellations and
no-shows are charged 50% of the booked service, and the deposit is kept.

# Running late

We hold your appointment for 15 minutes. After that we may need to shorten the service or rebook you.

# Payment

We take cash, Visa, Mastercard, Apple Pay, Google Pay and MB WAY. No cheques.$md$),
  ('c4a1d2e3-0001-4a00-9000-00000000a003'::uuid, 'Frequently asked questions', 'faq', 'faq', $md$Q: Can I bring my dog?
A: Small, calm dogs are welcome in the waiting area, on a lead. Assistance dogs are always welcome.

Q: Do you sell gift vouchers?
A: Yes, for any amount from €25 or for a specific service. They are valid for 12 months and can be bought at
reception or by asking in the chat.

Q: Which products do you use?
A: We colour with Wella and care with Olaplex and Davines, and sell their take-home products at reception.

Q: Is there wifi?
A: Yes, free wifi for clients. Ask at reception for the password.

Q: Do you do wedding hair?
A: Yes: bridal hair with a trial session beforehand. For parties of four or more our stylists can come to your
venue in Lisbon.

Q: Can I get a consultation before a big colour change?
A: Yes, a free 15-minute consultation with a colourist, in person or by video call.$md$),
  ('c4a1d2e3-0001-4a00-9000-00000000a004'::uuid, 'Finding us', 'article', 'location', $md$# Address

Lumen Hair Studio, Rua da Rosa 87, 1200-383 Lisboa, in Bairro Alto, opposite the Miradouro de São Pedro de Alcântara
steps.

# Getting here

- Metro: Baixa-Chiado (blue and green lines), then an eight-minute walk uphill, or take the Elevador da Glória
  from Restauradores.
- Tram 24E stops at Praça Luís de Camões, five minutes away.

# Parking

Bairro Alto is closed to most cars. The nearest car park is Parque Camões (Largo Luís de Camões), about €2 an hour.

# Accessibility

The salon is on the ground floor with a small step at the door; we have a portable ramp, just ask.$md$)
) as v(id, title, kind, category, body)
on conflict do nothing;
