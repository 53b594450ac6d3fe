-- A Dayshift database as schema version 7 wrote it: a rotation under way, a
-- request acknowledged, an access request still new, a review deferred.
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
  first_seen INTEGER NOT NULL,
  updated INTEGER NOT NULL DEFAULT 0,
  channel TEXT,
  claimed_by TEXT,
  mine INTEGER NOT NULL DEFAULT 0,
  notified INTEGER NOT NULL DEFAULT 0,
  due INTEGER NOT NULL DEFAULT 0,
  problem TEXT,
  standup_note TEXT,
  responded INTEGER NOT NULL DEFAULT 0,
  response_reminded INTEGER NOT NULL DEFAULT 0
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
CREATE TABLE meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT REFERENCES items(id) ON DELETE CASCADE,
  op TEXT NOT NULL,
  args TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  result TEXT,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
CREATE TABLE rotations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started INTEGER NOT NULL,
  ended INTEGER,
  report TEXT
);
CREATE TABLE work (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  started INTEGER NOT NULL,
  ended INTEGER
);
CREATE TABLE replies (
  item_id TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  author TEXT,
  text TEXT,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (item_id, seq)
);
CREATE INDEX history_item ON history(item_id);
CREATE INDEX items_state ON items(state);
CREATE INDEX history_at ON history(at);
CREATE INDEX items_first_seen ON items(first_seen);
CREATE INDEX outbox_state ON outbox(state);
CREATE INDEX work_item ON work(item_id);
INSERT INTO items VALUES ('slack:C01/1764580000.000100', 'slack', 'C01/1764580000.000100',
  'request', 'acknowledged', 'Reset my VPN certificate', NULL, NULL, NULL, 1764580000, NULL, NULL,
  0, 1764580005, 1764580300, '#ops-support', NULL, 0, 1, 0, NULL, NULL, 1764580300, 1);
INSERT INTO items VALUES ('slack:C01/1764590000.000200', 'slack', 'C01/1764590000.000200',
  'access', 'new', 'Access to the billing bucket', NULL, NULL, NULL, 1764590000, NULL, NULL, 0,
  1764590005, 1764590005, '#ops-support', NULL, 0, 1, 0, NULL, NULL, 0, 0);
INSERT INTO items VALUES ('github:acme/infra#77', 'github', 'acme/infra#77', 'review', 'deferred',
  'Bump terraform', NULL, 'https://github.com/acme/infra/pull/77', NULL, 1764595000, NULL, NULL,
  0, 1764595060, 1764596000, 'acme/infra', NULL, 0, 1, 0, NULL, NULL, 0, 0);
INSERT INTO history (item_id, at, actor, from_state, to_state, note) VALUES
  ('slack:C01/1764580000.000100', 1764580300, 'me', 'new', 'acknowledged', NULL),
  ('github:acme/infra#77', 1764596000, 'me', 'new', 'deferred', NULL);
INSERT INTO rotations (started, ended, report) VALUES (1764572400, NULL, NULL);
PRAGMA user_version = 7;
