-- Case data for the monitoring benchmark, after bench/monitoring_scale.sql and load_case_lists; run once,
-- on a scratch database only.
-- Cases: 20,000 (two in three closed with an outcome, a third with an OOZA enrolment), four
-- transitions each, 20,000 enrolments, 60,000 actions, 600 meetings with 36,000 agenda items.
INSERT INTO cases_case (status, reason, opened_at, status_changed_at, closed_at, closing_reason, outcome_perspective, outcome_qualification, outcome_network_size, opened_by_id, opened_from_id, procesregie_holder_id, youth_id)
SELECT CASE WHEN g % 3 > 0 THEN 'gesloten' ELSE (ARRAY['aangemeld','in_onderzoek','plan_van_aanpak','in_uitvoering','afgeschaald'])[1 + g % 5] END,
       '', timestamptz '2024-07-01 10:00+02' + ((g * 37) % 700) * interval '1 day', now(),
       CASE WHEN g % 3 > 0 THEN timestamptz '2024-07-01 10:00+02' + ((g * 37) % 700 + 60 + g % 120) * interval '1 day' END,
       CASE WHEN g % 3 > 0 THEN 'doelen_bereikt' ELSE '' END,
       CASE WHEN g % 3 > 0 THEN (ARRAY['werk','beroepsonderwijs','dagbesteding','combinatie','geen'])[1 + g % 5] ELSE '' END,
       CASE WHEN g % 3 > 0 THEN (ARRAY['diploma','deelcertificaat','praktijkverklaring','geen'])[1 + g % 4] ELSE '' END,
       CASE WHEN g % 3 > 0 THEN g % 7 END,
       2, NULL, 2, (SELECT min(id) FROM youths_youth) + (g * 9) % 200000
FROM generate_series(1::bigint, 20000) g;
INSERT INTO cases_casetransition (source, target, reason, at, by_id, case_id)
SELECT '', (ARRAY['aangemeld','in_onderzoek','plan_van_aanpak','in_uitvoering'])[k], 'bench', c.opened_at + (k - 1) * interval '20 days', 2, c.id
FROM cases_case c, generate_series(1, 4) k;
INSERT INTO cases_enrolment (started_on, ended_on, result, result_note, case_id, created_by_id, intervention_id)
SELECT (c.opened_at + interval '20 days')::date,
       CASE WHEN c.closed_at IS NOT NULL THEN c.closed_at::date END,
       CASE WHEN c.closed_at IS NOT NULL THEN 'voltooid' ELSE '' END, '', c.id, 2,
       (SELECT id FROM tracks_intervention WHERE code = (ARRAY['1.1.1','3.1.1','2.1.3'])[1 + c.id % 3])
FROM cases_case c;
INSERT INTO cases_action (description, due_on, status, response, response_reason, created_at, finished_at, result_note, created_by_id, organisation_id, youth_id, case_id, follow_up_type_id)
SELECT '', (c.opened_at + (30 + k * 15) * interval '1 day')::date,
       CASE WHEN k = 3 AND c.closed_at IS NULL THEN 'open' ELSE 'afgerond' END, 'geaccepteerd', '',
       c.opened_at + (k * 10) * interval '1 day',
       CASE WHEN k = 3 AND c.closed_at IS NULL THEN NULL ELSE c.opened_at + (30 + k * 15 + (c.id % 7) - 3) * interval '1 day' END,
       '', 2, 3, c.youth_id, c.id, (SELECT min(id) FROM cases_followuptype)
FROM cases_case c, generate_series(1, 3) k;
INSERT INTO cases_meeting (kind, starts_at, location, other_attendees, created_at, chair_id, created_by_id)
SELECT 'vroegsignalering', timestamptz '2024-07-02 14:00+02' + (g * 1.2) * interval '1 day', 'bench', '', now(), 2, 2
FROM generate_series(1::bigint, 600) g;
INSERT INTO cases_agendaitem (position, legal_basis_note, legal_basis_recorded_at, minutes, decision, decision_reason, decided_at, decided_by_id, case_id, youth_id, legal_basis_id, meeting_id)
SELECT k, '', m.starts_at, '', 'geen_actie', 'bench', m.starts_at, 2,
       (SELECT min(id) FROM cases_case) + (m.id * 60 + k) % 20000,
       (SELECT youth_id FROM cases_case WHERE id = (SELECT min(id) FROM cases_case) + (m.id * 60 + k) % 20000),
       (SELECT min(id) FROM cases_legalbasis), m.id
FROM cases_meeting m, generate_series(1, 60) k;
ANALYZE;
