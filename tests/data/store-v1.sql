-- A Dayshift database as the first schema version wrote it.
CREATE TABLE items (
  id TEXT PRIMARY KEY NOT NULL,
  source TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  title TEXT,
  body TEXT,
  url TEXT,
  requester TEXT,
  created INTEGER NOT NULL,
  delegated_to TEXT,
  issue_url TEXT,
  emergency INTEGER NOT NULL DEFAULT 0,
  first_seen INTEGER NOT NULL
);
CREATE TABLE history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT
);
CREATE INDEX history_item ON history(item_id);
INSERT INTO items VALUES ('slack:C1/1700000000.000100', 'slack', 'C1/1700000000.000100',
  'request', 'acknowledged', 'VPN is down for me', 'since this morning', NULL, 'U42',
  1700000000, NULL, NULL, 0, 1700000005);
INSERT INTO items VALUES ('pagerduty:PT4KHLK', 'pagerduty', 'PT4KHLK', 'incident', 'new',
  'db-primary disk 95%', NULL, 'https://example.pagerduty.com/incidents/PT4KHLK', NULL,
  1700000100, NULL, NULL, 1, 1700000101);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES
  ('slack:C1/1700000000.000100', 1700000005, 'slack', 'new', 'new', 'seen'),
  ('slack:C1/1700000000.000100', 1700000060, 'me', 'new', 'acknowledged', NULL);
PRAGMA user_version = 1;
