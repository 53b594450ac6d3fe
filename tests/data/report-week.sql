-- A week of one rotation, Mon 2026-11-16 09:00 to Fri 17:00 UTC, for the report
-- golden test (tests/data/report-week.md). Times to acknowledge, in minutes, of the
-- ten items taken up in the window: 3 1 7 10 2 4 5 6 8 9 -> sorted 1..10: median
-- (nearest rank 5) 5 min, 90th percentile (nearest rank 9) 9 min. Item 0 arrived the
-- week before and is not counted; item 5 took 10 minutes and is not tracked time.
-- First responses (the first move that answered, as Dayshift keeps it), in the example
-- profile's working time (09:00-17:00 Madrid, 08:00-16:00 UTC in November; targets:
-- request 4 h, access 1 d = 8 h, incident 15 min): requests answered after 3 1 7 2 4
-- min, all within, median (nearest rank 3 of 1 2 3 4 7) 3 min; "Log retention" (Tue
-- 11:00 UTC, deferred, not an answer) waited 5 + 8 + 8 + 8 = 29 h and "flaky runner"
-- (Fri 10:00 UTC) 6 h to the window's end, both past 4 h: 5 of 7 (71%). Access: 6 min,
-- 1 of 1. Incident: 20 min, 0 of 1. Reviews, deploys, mentions and postmortems have no
-- target.
BEGIN;
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0SUPPORT1/1794564000.000100', 'slack', 'C0SUPPORT1/1794564000.000100', 'request', 'acknowledged', 'An old question from last week', 'An old question from last week', NULL, 'Lee Park', 1794564000, NULL, NULL, 0, 1794564000, 1794564000, '#ops-support', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0SUPPORT1/1794820200.000100', 'slack', 'C0SUPPORT1/1794820200.000100', 'request', 'done', 'VPN certificate expired', 'VPN certificate expired', NULL, 'Sam Ortega', 1794820200, NULL, NULL, 0, 1794820200, 1794820200, '#ops-support', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0SUPPORT1/1794821400.000100', 'slack', 'C0SUPPORT1/1794821400.000100', 'request', 'delegated', 'Access to the billing dashboard', 'Access to the billing dashboard', NULL, 'Lee Park', 1794821400, 'Sam Ortega', NULL, 0, 1794821400, 1794821400, '#ops-support', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0SUPPORT1/1794906000.000100', 'slack', 'C0SUPPORT1/1794906000.000100', 'request', 'filed', 'Staging deploys hang at the migrate step', 'Staging deploys hang at the migrate step', NULL, 'Dana Levi', 1794906000, NULL, 'https://github.com/acme/ops/issues/101', 0, 1794906000, 1794906000, '#ops-support', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0SUPPORT1/1794913200.000100', 'slack', 'C0SUPPORT1/1794913200.000100', 'request', 'deferred', 'Log retention | how long?', 'Log retention | how long?', NULL, 'Chioma Eze', 1794913200, NULL, NULL, 0, 1794913200, 1794913200, '#ops-support', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0OPERATE1/1794992400.000100', 'slack', 'C0OPERATE1/1794992400.000100', 'request', 'acknowledged', 'Rotate the staging DB password', 'Rotate the staging DB password', NULL, 'Bogdan Ilić', 1794992400, NULL, NULL, 0, 1794992400, 1794992400, '#operations', NULL, 0, 1, 0, NULL, 'Needs a decision on password rotation');
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0OPERATE1/1794996000.000100', 'slack', 'C0OPERATE1/1794996000.000100', 'request', 'delegated', 'Who owns the DNS zone for acme.dev?', 'Who owns the DNS zone for acme.dev?', NULL, 'Lee Park', 1794996000, 'Dana Levi', NULL, 0, 1794996000, 1794996000, '#operations', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('github:acme/api#7', 'github', 'acme/api#7', 'review', 'done', 'Raise the RDS storage alarm threshold', 'Raise the RDS storage alarm threshold', NULL, 'alicen', 1795003200, NULL, NULL, 0, 1795003200, 1795003200, 'acme/api', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('github:acme/ops#9', 'github', 'acme/ops#9', 'access', 'delegated', 'Read-only Grafana for the new hire', 'Read-only Grafana for the new hire', NULL, 'jordan-k', 1795078800, 'Sam Ortega', NULL, 0, 1795078800, 1795078800, 'acme/ops', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('github:acme/ops#12', 'github', 'acme/ops#12', 'postmortem', 'acknowledged', 'Add alerting on replication lag', 'Add alerting on replication lag', NULL, 'chiomae', 1795082400, NULL, NULL, 0, 1795082400, 1795082400, 'acme/ops', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('github:acme/api/runs/7001', 'github', 'acme/api/runs/7001', 'deploy', 'filed', 'Deploy failed: deploy.yml on main', 'Deploy failed: deploy.yml on main', NULL, 'renovate[bot]', 1795086000, NULL, 'https://github.com/acme/ops/issues/102', 0, 1795086000, 1795086000, 'acme/api', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('pagerduty:PINC0001', 'pagerduty', 'PINC0001', 'incident', 'done', 'API latency above 2 s', 'API latency above 2 s', NULL, 'API', 1795165200, NULL, NULL, 1, 1795165200, 1795165200, 'PagerDuty', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('slack:C0SUPPORT1/1795172400.000100', 'slack', 'C0SUPPORT1/1795172400.000100', 'request', 'new', 'Who owns the flaky runner?', 'Who owns the flaky runner?', NULL, 'Sam Ortega', 1795168800, NULL, NULL, 0, 1795168800, 1795168800, '#ops-support', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO items (id, source, remote_id, kind, state, title, body, url, requester, created, delegated_to, issue_url, emergency, first_seen, updated, channel, claimed_by, mine, notified, due, problem, standup_note) VALUES ('github:notifications/1', 'github', 'notifications/1', 'mention', 'new', 'You were mentioned in acme/web#3', 'You were mentioned in acme/web#3', NULL, NULL, 1795172400, NULL, NULL, 0, 1795172400, 1795172400, 'acme/web', NULL, 0, 1, 0, NULL, NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0SUPPORT1/1794564000.000100', 1794564300, 'me', 'new', 'acknowledged', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0SUPPORT1/1794820200.000100', 1794820380, 'me', 'new', 'acknowledged', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0SUPPORT1/1794821400.000100', 1794821460, 'me', 'new', 'delegated', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0SUPPORT1/1794906000.000100', 1794906420, 'me', 'new', 'filed', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0SUPPORT1/1794913200.000100', 1794913800, 'me', 'new', 'deferred', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0OPERATE1/1794992400.000100', 1794992520, 'me', 'new', 'acknowledged', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0OPERATE1/1794996000.000100', 1794996240, 'me', 'new', 'delegated', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('github:acme/api#7', 1795003500, 'me', 'new', 'acknowledged', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('github:acme/api#7', 1795003560, 'me', 'acknowledged', 'acknowledged', 'Linked to super-epic: Global Customer Support');
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('github:acme/ops#9', 1795079160, 'me', 'new', 'delegated', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('github:acme/ops#12', 1795082880, 'me', 'new', 'acknowledged', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('github:acme/api/runs/7001', 1795086540, 'me', 'new', 'filed', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('slack:C0SUPPORT1/1794820200.000100', 1794823800, 'slack', 'acknowledged', 'done', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('github:acme/api#7', 1795006800, 'github', 'acknowledged', 'done', NULL);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES ('pagerduty:PINC0001', 1795166400, 'pagerduty', 'new', 'done', NULL);
INSERT INTO work (item_id, started, ended) VALUES ('slack:C0SUPPORT1/1794906000.000100', 1794906480, 1794907980);
INSERT INTO work (item_id, started, ended) VALUES ('slack:C0SUPPORT1/1794906000.000100', 1794909600, 1794910500);
INSERT INTO work (item_id, started, ended) VALUES ('slack:C0OPERATE1/1794992400.000100', 1794992580, 1794993180);
INSERT INTO work (item_id, started, ended) VALUES ('github:acme/api/runs/7001', 1795089600, 1795097100);
INSERT INTO rotations (started, ended) VALUES (1794819600, 1795194000);
UPDATE items SET responded = 1794564300 WHERE id = 'slack:C0SUPPORT1/1794564000.000100';
UPDATE items SET responded = 1794820380 WHERE id = 'slack:C0SUPPORT1/1794820200.000100';
UPDATE items SET responded = 1794821460 WHERE id = 'slack:C0SUPPORT1/1794821400.000100';
UPDATE items SET responded = 1794906420 WHERE id = 'slack:C0SUPPORT1/1794906000.000100';
UPDATE items SET responded = 1794992520 WHERE id = 'slack:C0OPERATE1/1794992400.000100';
UPDATE items SET responded = 1794996240 WHERE id = 'slack:C0OPERATE1/1794996000.000100';
UPDATE items SET responded = 1795003500 WHERE id = 'github:acme/api#7';
UPDATE items SET responded = 1795079160 WHERE id = 'github:acme/ops#9';
UPDATE items SET responded = 1795082880 WHERE id = 'github:acme/ops#12';
UPDATE items SET responded = 1795086540 WHERE id = 'github:acme/api/runs/7001';
UPDATE items SET responded = 1795166400 WHERE id = 'pagerduty:PINC0001';
COMMIT;
