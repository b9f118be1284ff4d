-- For scripts/bench (psql -v seed=demo-42:): two clients of the demo agency whose
-- billable work is exactly 10 000 and 100 000 approved entries on one
-- time-and-materials project each, done by the members of the demo's first team
-- (at most four entries a person a day, far below the daily limit), so that drafting
-- their invoices measures how drafting grows with the work it bills.
INSERT INTO clients (id, name, currency, street, city, postal_code, country, endpoint_scheme, endpoint_id)
SELECT md5(:'seed' || ':bench-client:' || n)::uuid, 'Bench drafts ' || label, 'EUR', 'Rue de la Loi 1', 'Brussels', '1000', 'BE',
       '0208', lpad((900000000 + n)::text, 10, '0')
FROM (VALUES (1, '10k'), (2, '100k')) AS v(n, label);

INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency)
SELECT md5(:'seed' || ':bench-project:' || n)::uuid, md5(:'seed' || ':bench-client:' || n)::uuid, md5(:'seed' || ':team:1')::uuid,
       'Bench drafts ' || n, 'BENCH-' || n, 'time_and_materials', 'EUR'
FROM generate_series(1, 2) AS n;

INSERT INTO tasks (id, project_id, name, billable)
SELECT md5(:'seed' || ':bench-task:' || n)::uuid, md5(:'seed' || ':bench-project:' || n)::uuid, 'Development', true
FROM generate_series(1, 2) AS n;

INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, note, billable, status,
                          billable_rate_scaled, cost_rate_scaled, rate_currency, approved_by, approved_at)
SELECT md5(:'seed' || ':bench-entry:' || n || ':' || i)::uuid, md5(:'seed' || ':user:' || (2 + i % 11))::uuid,
       md5(:'seed' || ':bench-project:' || n)::uuid, md5(:'seed' || ':bench-task:' || n)::uuid,
       DATE '2010-01-04' + i / 44, 30 + i % 4 * 15, 'Bench', true, 'approved', 950000, 500000, 'EUR',
       md5(:'seed' || ':user:1')::uuid, now()
FROM (VALUES (1, 10000), (2, 100000)) AS v(n, total), generate_series(1, total) AS i;
