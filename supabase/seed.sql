-- Demo data for a fresh embedded database (and `supabase db reset` on a local Supabase stack): one salon with its
-- owner, so a new developer can sign in at once. Sign in as demo@frontdesk.local / Frontdesk-Demo-2026.
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

insert into public.businesses (id, name, vertical, time_zone, currency, locale, opening_hours, created_by)
values ('b7d3e0c4-1f6a-4b9e-8c2d-5a4f3e2d1c01', 'Lumen Hair Studio', 'salon', 'Europe/Lisbon', 'EUR', 'en',
        '{"mon":[],"tue":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"19:00"}],
          "wed":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"19:00"}],
          "thu":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"20:00"}],
          "fri":[{"open":"09:00","close":"13:00"},{"open":"14:00","close":"20:00"}],
          "sat":[{"open":"09:00","close":"16:00"}],"sun":[]}',
        '6f0c2a1e-5d0b-4c1e-9a57-3b2f8e9d0a01')
on conflict (id) do nothing;
