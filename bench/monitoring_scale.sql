-- Scale data for the monitoring benchmark (bench/monitoring_scale.py): 200,000 youths, 1.5 million
-- signals (1% withdrawn, 20% inside an intervention) spread over July 2024 – November 2026, 150,000
-- matches (two in three followed up) and 30,000 flags. Synthetic rows straight into the tables of a
-- scratch PostgreSQL database that has been migrated and loaded (load_plan, load_reference_lists and the
-- demo accounts); run it once, and never against a database with real data.
-- Organisation and user ids 2–7 and 3–8 are the six partner organisations and users of the demo
-- accounts in a fresh database.
INSERT INTO youths_youth (first_name, last_name, date_of_birth, gender, name_key, bsn_hash, created_at, last_activity_at, district_id, school_id)
SELECT 'J' || g, 'Bench', date '2004-01-01' + (g % 4500)::int, (ARRAY['m','v','x',''])[1 + g % 4], 'j' || g || ' bench', '', now(), now(),
       CASE WHEN g % 10 = 0 THEN NULL ELSE (SELECT min(id) FROM youths_district) + g % 18 END, NULL
FROM generate_series(1::bigint, 200000) g;
INSERT INTO youths_signal (domain, observed_on, description, created_at, withdrawal_reason, intervention_id, organisation_id, reported_by_id, category_id, youth_id, withdrawn_at, withdrawn_by_id)
SELECT (ARRAY['home','street','school','online'])[1 + g % 4],
       date '2024-07-01' + (g % 880)::int,
       'bench',
       timestamptz '2024-07-01 08:00+02' + ((g * 7919) % 880) * interval '1 day' + (g % 600) * interval '1 minute',
       '',
       CASE WHEN g % 5 = 0 THEN (SELECT min(id) FROM tracks_intervention) + g % 8 ELSE NULL END,
       2 + g % 6, 3 + g % 6,
       (SELECT min(id) FROM youths_signalcategory) + g % 12,
       (SELECT min(id) FROM youths_youth) + (g::bigint * 104729) % 200000,
       CASE WHEN g % 100 = 0 THEN now() ELSE NULL END,
       CASE WHEN g % 100 = 0 THEN 3 ELSE NULL END
FROM generate_series(1::bigint, 1500000) g;
INSERT INTO youths_match (youth_id, created_at, cause, follow_up_note, trigger_signal_id, in_touch_on, lead_organisation_id, followed_up_at, followed_up_by_id)
SELECT (SELECT min(id) FROM youths_youth) + (g * 7) % 200000,
       timestamptz '2024-07-01 09:00+02' + ((g * 31) % 880) * interval '1 day', 'signal', '', NULL,
       CASE WHEN g % 3 > 0 THEN date '2024-07-01' + ((g * 31) % 880)::int + (g % 20)::int END,
       CASE WHEN g % 3 > 0 THEN 2 END,
       CASE WHEN g % 3 > 0 THEN timestamptz '2024-07-01 09:00+02' + ((g * 31) % 880) * interval '1 day' + (g % 20) * interval '1 day' END,
       CASE WHEN g % 3 > 0 THEN 3 END
FROM generate_series(1::bigint, 150000) g;
INSERT INTO youths_flag (youth_id, rule_id, raised_at, explanation, trigger_key, status, closing_note, closed_at)
SELECT (SELECT min(id) FROM youths_youth) + (g * 13) % 200000, (SELECT min(id) FROM youths_combinationrule) + g % 2,
       timestamptz '2024-07-01 10:00+02' + ((g * 17) % 880) * interval '1 day', 'bench', md5(g::text), 'closed', '',
       timestamptz '2024-07-08 10:00+02' + ((g * 17) % 880) * interval '1 day'
FROM generate_series(1::bigint, 30000) g;
ANALYZE;
