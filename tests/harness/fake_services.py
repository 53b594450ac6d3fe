# SPDX-License-Identifier: GPL-3.0-or-later
"""Slack, GitHub, PagerDuty and ZenHub on a loopback port, in the shapes their
documentation gives, for tests that drive the real app. Every request is
recorded; the test changes the world (posts messages, raises incidents) and
can hold or fail requests."""

import hashlib
import json
import os
import random
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ME_SLACK = 'UMEMEME01'
ME_GITHUB = 'me-on-gh'
ME_PD = 'PMEMEME'

# The scopes of a Slack app made from Dayshift's manifest, as Slack says them.
_MANIFEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data',
                         'slack-app-manifest.json')
with open(_MANIFEST) as _f:
    SLACK_SCOPES = ','.join(json.load(_f)['oauth_config']['scopes']['bot'])


class World:
    def __init__(self, start=None, factor=1.0):
        self.lock = threading.Lock()
        # The services' clock: the app's, when it runs under libfaketime.
        self.t0 = time.time()
        self.start = start if start is not None else self.t0
        self.factor = factor
        self.requests = []       # (method, path, query dict, body text)
        self.times = []          # when each request came, on the services' clock
        self.auth = []           # (path, Authorization header) of each request
        self.statuses = []       # (path, status) of each GitHub GET: 304 costs no rate limit
        self.once = {}           # path -> [fault]: the next requests get these, one each
        self.messages = []       # dicts: channel, ts, user, text, thread_ts, reactions
        self.incidents = []      # dicts: id, title, status, urgency
        self.issues = []         # dicts: number, title, body, labels, assignees
        self.hold = {}           # path -> threading.Event: answer only once set
        self.fail = {}           # path -> (status, body)
        self.seq = 0
        self.comments = []       # (repo, number, body), posted by the app
        self.others_comments = []  # (repo, number, author, body, created): teammates'
        self.shift = None        # (start, end): my shift on the daytime layer
        self.night = None        # (PagerDuty id, name) on the night layer, last night and tonight
        # The team's setup as the services see it (the setup check asks): set
        # up right, unless a test takes something away.
        self.github_scopes = 'notifications, read:org, repo'
        self.github_unknown = set()      # logins GitHub does not know
        self.slack_scopes = SLACK_SCOPES
        self.slack_not_in = set()        # channels the token's user or bot is not in
        self.slack_unknown = set()       # Slack ids Slack does not know
        self.pd_unknown = set()          # PagerDuty ids PagerDuty does not know

    def now(self):
        return self.start + (time.time() - self.t0) * self.factor

    def set_clock(self, t, factor=None):
        """From now on the services' clock reads @t, running @factor times
        faster (at the same pace if None): a night passes while no app runs,
        or the pace changes (dsapp.FakeClock keeps an app's clock on it)."""
        with self.lock:
            self.start = t
            self.t0 = time.time()
            if factor is not None:
                self.factor = factor

    # -- what the test does ------------------------------------------------

    def post(self, channel, text, user='U0DANA0001', reactions=None):
        with self.lock:
            self.seq += 1
            ts = '%d.%06d' % (int(self.now()), self.seq)
            self.messages.append({'channel': channel, 'ts': ts, 'user': user, 'text': text,
                                  'reactions': dict(reactions or {}), 'thread_ts': None})
            return ts

    def reply(self, channel, thread_ts, text, user='U0DANA0001'):
        """A reply in a message's thread."""
        with self.lock:
            self.seq += 1
            ts = '%d.%06d' % (int(self.now()), self.seq)
            self.messages.append({'channel': channel, 'ts': ts, 'user': user, 'text': text,
                                  'reactions': {}, 'thread_ts': thread_ts})
            return ts

    def react(self, channel, ts, name, user):
        """A teammate adds a reaction, as in Slack."""
        with self.lock:
            for m in self.messages:
                if m['channel'] == channel and m['ts'] == ts:
                    users = m['reactions'].setdefault(name, [])
                    if user not in users:
                        users.append(user)

    def resolve(self, incident_id):
        with self.lock:
            for i in self.incidents:
                if i['id'] == incident_id:
                    i['status'] = 'resolved'

    def fault_once(self, path, fault):
        """The next request to path gets fault: ('status', code, body, headers),
        ('stall',) (never answered), or ('body', bytes) (200 with that body)."""
        with self.lock:
            self.once.setdefault(path, []).append(fault)

    def page(self, incident_id, title, urgency='high'):
        with self.lock:
            self.incidents.append({'id': incident_id, 'title': title, 'status': 'triggered',
                                   'urgency': urgency, 'number': len(self.incidents) + 1,
                                   'created': self.now()})

    def calls(self, method=None, prefix='', exact=None):
        with self.lock:
            return [r for r in self.requests
                    if (method is None or r[0] == method) and r[1].startswith(prefix) and
                    (exact is None or r[1] == exact)]

    def thread(self, channel, ts):
        with self.lock:
            return [m for m in self.messages if m['channel'] == channel and m['thread_ts'] == ts]

    # -- GitHub's device flow (its web site: the services' own origin) -------

    def device_flow(self, client_id, token, interval=1):
        """GitHub knows the OAuth app client_id, with the device flow enabled:
        each sign-in gets a new code, and asks for the token are answered
        authorization_pending until the user approves (device_approve) or
        refuses (device_deny) that code; then with token, or access_denied."""
        with self.lock:
            self.device = {'client_id': client_id, 'token': token, 'interval': interval,
                           'user_code': None, 'device_code': None, 'scope': None,
                           'decided': None, 'asks': []}

    def device_code(self):
        """The code of the sign-in under way (what the user would type)."""
        with self.lock:
            return self.device['user_code']

    def _device_decide(self, user_code, decision):
        with self.lock:
            if self.device['user_code'] != user_code:
                return False
            self.device['decided'] = decision
            return True

    def device_approve(self, user_code):
        """The user types user_code on GitHub's page and approves: False when
        it is not the code of the sign-in under way."""
        return self._device_decide(user_code, 'approved')

    def device_deny(self, user_code):
        """The user types user_code and refuses."""
        return self._device_decide(user_code, 'denied')

    def device_asks(self):
        """When each ask for the token came (the services' clock)."""
        with self.lock:
            return list(self.device['asks'])


def _iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t))


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def _answer(self, status, obj, headers=None):
        if isinstance(obj, bytes):
            data = obj
        else:
            data = (obj if isinstance(obj, str) else json.dumps(obj)).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _handle(self, method):
        world = self.server.world
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        query = dict(urllib.parse.parse_qsl(url.query))
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length).decode() if length else ''
        with world.lock:
            world.requests.append((method, path, query, body))
            world.auth.append((path, self.headers.get('Authorization')))
            world.times.append(world.now())
            held = world.hold.get(path)
            fail = world.fail.get(path)
            once = world.once.get(path)
            fault = once.pop(0) if once else None
        if fail is not None:
            self._answer(fail[0], fail[1])
            return
        if fault is not None and fault[0] == 'stall':
            # Accepted, never answered: the connection stays open and silent.
            time.sleep(3600)
            return
        if fault is not None and fault[0] == 'status':
            self._answer(fault[1], fault[2], fault[3] if len(fault) > 3 else None)
            return
        if fault is not None and fault[0] == 'body':
            self._answer(200, fault[1])
            return
        status, answer = self._route(world, method, path, query, body)
        if held is not None:
            held.wait(120)
        # What the token may do, as GitHub and Slack say it on every answer.
        headers = {}
        if path.startswith('/github/'):
            headers['X-OAuth-Scopes'] = world.github_scopes
        elif path.startswith('/slack/api/'):
            headers['X-OAuth-Scopes'] = world.slack_scopes
        if method == 'GET' and path.startswith('/github/') and status == 200:
            # As GitHub: an ETag, and 304 (free of rate limit) when it still holds.
            data = (answer if isinstance(answer, str) else json.dumps(answer)).encode()
            etag = '"%s"' % hashlib.sha1(data).hexdigest()
            with world.lock:
                world.statuses.append((path, 304 if self.headers.get('If-None-Match') == etag
                                       else 200))
            if self.headers.get('If-None-Match') == etag:
                self._answer(304, b'', dict(headers, ETag=etag))
                return
            self._answer(status, data, dict(headers, ETag=etag))
            return
        self._answer(status, answer, headers)

    def do_GET(self):
        self._handle('GET')

    def do_POST(self):
        self._handle('POST')

    def do_PUT(self):
        self._handle('PUT')

    def do_DELETE(self):
        self._handle('DELETE')

    # -- the services --------------------------------------------------------

    def _route(self, world, method, path, query, body):
        if path.startswith('/slack/api/'):
            params = dict(query)
            if body and not body.startswith('{'):
                params.update(urllib.parse.parse_qsl(body))
            return 200, self._slack(world, path[len('/slack/api/'):], params)
        if path.startswith('/github/'):
            return self._github(world, method, path[len('/github'):], query, body)
        if path.startswith('/pagerduty/'):
            return self._pagerduty(world, method, path[len('/pagerduty'):])
        if path.startswith('/zenhub/'):
            parts = path.split('/')
            if (method == 'GET' and len(parts) == 7 and parts[2:4] == ['p1', 'repositories'] and
                    parts[5] == 'epics'):
                # REST "Get Epic Data": every super-epic is an epic, with no issues yet.
                return 200, {'total_epic_estimates': {'value': 0}, 'issues': [],
                             'estimate': {'value': 0}, 'pipeline': {'name': 'Backlog'}}
            return 200, {'added': [], 'removed': []}
        if path.startswith('/login/'):
            return self._github_login(world, path, body)
        return 404, {}

    @staticmethod
    def _message(m):
        out = {'type': 'message', 'ts': m['ts'], 'user': m['user'], 'text': m['text']}
        if m['thread_ts']:
            out['thread_ts'] = m['thread_ts']
        if m['reactions']:
            out['reactions'] = [{'name': n, 'users': u, 'count': len(u)}
                                for n, u in m['reactions'].items()]
        return out

    def _slack(self, world, method, p):
        with world.lock:
            if method == 'auth.test':
                return {'ok': True, 'user_id': ME_SLACK, 'user': 'me', 'team': 'Acme',
                        'team_id': 'T1'}
            if method == 'conversations.history':
                since = float(p.get('oldest') or 0)
                msgs = [self._message(m) for m in reversed(world.messages)
                        if m['channel'] == p.get('channel') and not m['thread_ts'] and
                        float(m['ts']) > since]
                for m in msgs:
                    replies = [r for r in world.messages if r['thread_ts'] == m['ts']]
                    if replies:
                        m['thread_ts'] = m['ts']
                        m['reply_count'] = len(replies)
                return {'ok': True, 'messages': msgs, 'has_more': False}
            if method == 'conversations.replies':
                msgs = [self._message(m) for m in world.messages
                        if m['channel'] == p.get('channel') and
                        (m['ts'] == p.get('ts') or m['thread_ts'] == p.get('ts'))]
                return {'ok': True, 'messages': msgs, 'has_more': False}
            if method == 'users.info':
                if p.get('user') in world.slack_unknown:
                    return {'ok': False, 'error': 'user_not_found'}
                return {'ok': True, 'user': {'id': p.get('user'), 'name': 'dana',
                                             'real_name': 'Dana Levi'}}
            if method == 'conversations.info':
                channel = p.get('channel')
                return {'ok': True, 'channel': {
                    'id': channel, 'name': {'C0SUPPORT1': 'ops-support',
                                            'C0OPERATE1': 'operations'}.get(channel, 'x'),
                    'is_channel': True, 'is_member': channel not in world.slack_not_in,
                    'is_archived': False}}
            if method == 'reactions.add':
                for m in world.messages:
                    if m['channel'] == p.get('channel') and m['ts'] == p.get('timestamp'):
                        users = m['reactions'].setdefault(p.get('name'), [])
                        if ME_SLACK in users:
                            return {'ok': False, 'error': 'already_reacted'}
                        users.append(ME_SLACK)
                        return {'ok': True}
                return {'ok': False, 'error': 'message_not_found'}
            if method == 'chat.postMessage':
                world.seq += 1
                ts = '%d.%06d' % (int(world.now()), world.seq)
                # Slack hands links back in angle brackets.
                text = ' '.join('<%s>' % w if w.startswith('https://') else w
                                for w in p.get('text', '').split(' '))
                world.messages.append({'channel': p.get('channel'), 'ts': ts, 'user': ME_SLACK,
                                       'text': text, 'thread_ts': p.get('thread_ts'),
                                       'reactions': {}})
                return {'ok': True, 'channel': p.get('channel'), 'ts': ts}
            if method == 'chat.getPermalink':
                return {'ok': True, 'channel': p.get('channel'),
                        'permalink': 'https://acme.slack.com/archives/%s/p%s' % (
                            p.get('channel'), p.get('message_ts', '').replace('.', ''))}
        return {'ok': False, 'error': 'unknown_method'}

    def _issue(self, repo, issue):
        return {'id': 7000 + issue['number'], 'number': issue['number'], 'title': issue['title'],
                'body': issue['body'], 'state': 'open',
                'html_url': 'https://github.com/%s/issues/%d' % (repo, issue['number']),
                'repository_url': 'https://api.github.com/repos/%s' % repo,
                'user': {'login': ME_GITHUB}, 'labels': [{'name': n} for n in issue['labels']],
                'assignees': [{'login': n} for n in issue['assignees']],
                'created_at': _iso(self.server.world.now()),
                'updated_at': _iso(self.server.world.now())}

    def _github(self, world, method, path, query, body):
        parts = path.split('/')  # '', 'repos', owner, repo, ...
        with world.lock:
            if path == '/user':
                return 200, {'login': ME_GITHUB, 'id': 42}
            if len(parts) == 3 and parts[1] == 'users':
                if parts[2] in world.github_unknown:
                    return 404, {'message': 'Not Found'}
                return 200, {'login': parts[2], 'id': 43}
            if len(parts) == 5 and parts[1] == 'orgs' and parts[3] == 'teams':
                return 200, {'id': 9, 'slug': parts[4], 'name': parts[4],
                             'organization': {'login': parts[2]}}
            if len(parts) == 7 and parts[1] == 'orgs' and parts[5] == 'memberships':
                return 200, {'state': 'active', 'role': 'member'}
            if path == '/search/issues':
                return 200, {'total_count': 0, 'incomplete_results': False, 'items': []}
            if path == '/notifications':
                return 200, []
            if len(parts) == 4 and parts[1] == 'repos':
                return 200, {'id': 555, 'full_name': '%s/%s' % (parts[2], parts[3]),
                             'html_url': 'https://github.com/%s/%s' % (parts[2], parts[3]),
                             'has_issues': True,
                             'permissions': {'admin': False, 'maintain': False, 'push': True,
                                             'triage': True, 'pull': True}}
            if len(parts) == 6 and parts[4] == 'actions':
                return 200, {'total_count': 0, 'workflow_runs': []}
            repo = '/'.join(parts[2:4])
            if len(parts) == 5 and parts[4] == 'issues' and method == 'POST':
                o = json.loads(body)
                issue = {'number': 100 + len(world.issues), 'title': o['title'],
                         'body': o.get('body', ''), 'labels': o.get('labels', []),
                         'assignees': o.get('assignees', [])}
                world.issues.append(issue)
                return 201, self._issue(repo, issue)
            if len(parts) == 6 and parts[4] == 'issues' and method == 'GET':
                # The super-epics (#1, #2) and the issues Dayshift filed.
                number = int(parts[5])
                for i in world.issues:
                    if i['number'] == number:
                        return 200, self._issue(repo, i)
                if number in (1, 2):
                    return 200, self._issue(repo, {'number': number, 'title': 'Epic %d' % number,
                                                   'body': '', 'labels': [], 'assignees': []})
                return 404, {'message': 'Not Found'}
            if len(parts) == 5 and parts[4] == 'issues':
                labels = query.get('labels')
                return 200, [self._issue(repo, i) for i in world.issues
                             if labels is None or labels in i['labels']]
            if len(parts) == 7 and parts[6] == 'comments' and method == 'POST':
                world.comments.append((repo, int(parts[5]), json.loads(body)['body']))
                return 201, {'id': 900 + len(world.comments), 'body': json.loads(body)['body'],
                             'html_url': 'https://github.com/%s/issues/%s#c' % (repo, parts[5])}
            if len(parts) == 7 and parts[6] == 'comments':
                number = int(parts[5])
                url = 'https://github.com/%s/issues/%d#issuecomment-%d'
                theirs = [{'id': 500 + i, 'body': c[3], 'html_url': url % (repo, number, 500 + i),
                           'user': {'login': c[2]}, 'created_at': _iso(c[4])}
                          for i, c in enumerate(world.others_comments)
                          if c[0] == repo and c[1] == number]
                return 200, theirs + [{'id': 900 + i, 'body': c[2],
                                       'html_url': url % (repo, number, 900 + i),
                                       'user': {'login': ME_GITHUB},
                                       'created_at': _iso(world.now())}
                                      for i, c in enumerate(world.comments)
                                      if c[0] == repo and c[1] == number]
            if len(parts) == 7 and parts[6] in ('assignees', 'requested_reviewers'):
                return 201, self._issue(repo, {'number': int(parts[5]), 'title': 't', 'body': '',
                                               'labels': [], 'assignees': []})
        return 404, {'message': 'Not Found'}

    def _github_login(self, world, path, body):
        """GitHub's device flow, as its documentation gives it: JSON when asked
        for with Accept, a form otherwise; 404 for an app it does not know."""
        form = dict(urllib.parse.parse_qsl(body))
        with world.lock:
            flow = getattr(world, 'device', None)
            if flow is None or form.get('client_id') != flow['client_id']:
                return 404, {'error': 'Not Found'}
            if path == '/login/device/code':
                letters = 'BCDFGHJKLMNPQRSTVWXZ'
                code = ''.join(random.choice(letters) for _ in range(8))
                flow.update(user_code=code[:4] + '-' + code[4:], decided=None,
                            device_code=hashlib.sha1(code.encode()).hexdigest(),
                            scope=form.get('scope'))
                page = 'http://%s:%d/login/device' % self.server.server_address
                answer = {'device_code': flow['device_code'], 'user_code': flow['user_code'],
                          'verification_uri': page, 'expires_in': 900,
                          'interval': flow['interval']}
            elif path == '/login/oauth/access_token':
                flow['asks'].append(world.now())
                if form.get('grant_type') != 'urn:ietf:params:oauth:grant-type:device_code':
                    answer = {'error': 'unsupported_grant_type'}
                elif form.get('device_code') != flow['device_code']:
                    answer = {'error': 'incorrect_device_code'}
                elif flow['decided'] == 'approved':
                    answer = {'access_token': flow['token'], 'token_type': 'bearer',
                              'scope': (flow['scope'] or '').replace(' ', ',')}
                elif flow['decided'] == 'denied':
                    answer = {'error': 'access_denied',
                              'error_description': 'The user has denied your application access.'}
                else:
                    answer = {'error': 'authorization_pending',
                              'error_description': 'The authorization request is still pending.'}
            else:
                return 404, {'error': 'Not Found'}
        if self.headers.get('Accept') != 'application/json':
            return 200, urllib.parse.urlencode(answer)
        return 200, answer

    def _pagerduty(self, world, method, path):
        with world.lock:
            if path == '/users/me':
                return 200, {'user': {'id': ME_PD, 'name': 'Me', 'email': 'me@acme.example',
                                      'time_zone': 'UTC'}}
            if path.startswith('/users/'):
                uid = path.split('/')[2]
                if uid in world.pd_unknown:
                    return 404, {'error': {'message': 'Not Found', 'code': 2100}}
                return 200, {'user': {'id': uid, 'name': uid, 'email': uid.lower() + '@acme.example',
                                      'time_zone': 'UTC'}}
            if path.startswith('/schedules/'):
                me = {'id': ME_PD, 'summary': 'Me'}
                dana = {'id': 'PDANA01', 'summary': 'Dana Levi'}
                entries = []
                if world.shift is not None:
                    start, end = world.shift
                    entries = [{'start': _iso(start), 'end': _iso(end), 'user': me},
                               {'start': _iso(start + 86400), 'end': _iso(end + 86400),
                                'user': dana}]
                nights = []
                if world.night is not None:
                    t = world.now()
                    who = {'id': world.night[0], 'summary': world.night[1]}
                    nights = [{'start': _iso(t - 14 * 3600), 'end': _iso(t - 2 * 3600), 'user': who},
                              {'start': _iso(t + 10 * 3600), 'end': _iso(t + 22 * 3600),
                               'user': who}]
                return 200, {'schedule': {
                    'id': path.split('/')[2], 'name': 'Daytime', 'time_zone': 'UTC',
                    'schedule_layers': [{'id': 'L1', 'name': 'Layer 1',
                                         'rendered_schedule_entries': nights},
                                        {'id': 'L2', 'name': 'Layer 2',
                                         'users': [{'user': me}, {'user': dana}],
                                         'rendered_schedule_entries': entries}],
                    'final_schedule': {'rendered_schedule_entries': entries + nights}}}
            if path == '/incidents' and method == 'GET':
                out = [{'id': i['id'], 'type': 'incident', 'incident_number': i['number'],
                        'title': i['title'], 'status': i['status'], 'urgency': i['urgency'],
                        'html_url': 'https://acme.pagerduty.com/incidents/%s' % i['id'],
                        'created_at': _iso(i['created']),
                        'service': {'id': 'PSVC', 'summary': 'API'},
                        'assignments': [{'assignee': {'id': ME_PD}}]}
                       for i in world.incidents if i['status'] != 'resolved']
                return 200, {'incidents': out, 'limit': 100, 'offset': 0, 'more': False}
            if path.startswith('/incidents/') and method == 'PUT':
                iid = path.split('/')[2]
                for i in world.incidents:
                    if i['id'] == iid:
                        i['status'] = 'acknowledged'
                        return 200, {'incident': {'id': iid, 'type': 'incident',
                                                  'incident_number': i['number'],
                                                  'title': i['title'], 'status': i['status'],
                                                  'urgency': i['urgency'],
                                                  'html_url': 'https://acme.pagerduty.com/x',
                                                  'created_at': _iso(i['created'])}}
                return 404, {'error': {'message': 'Not Found', 'code': 2100}}
        return 404, {'error': {'message': 'Not Found', 'code': 2100}}


def start(clock_start=None, factor=1.0):
    """Starts the services; returns (world, base URL, server). With a start
    and a factor, their clock is the one libfaketime gives the app."""
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    server.world = World(clock_start, factor)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.world, 'http://127.0.0.1:%d' % server.server_address[1], server


def profile(base, path, standup_time='09:30', response=None):
    """Writes a team profile whose services are the fake ones; @response, if
    given, is its "response" object (working time and targets)."""
    p = {
        'version': 1,
        'name': 'Test team',
        'github': {'api_url': base + '/github', 'org': 'acme', 'team': 'devops',
                   'repo': 'acme/ops',
                   'labels': {'access': 'access-request', 'postmortem': 'Postmortem Action Item',
                              'support': 'support'},
                   'deploys': {'repos': ['acme/api'], 'workflows': ['deploy.yml']}},
        'slack': {'api_url': base + '/slack/api',
                  'channels': [{'id': 'C0SUPPORT1', 'name': 'ops-support', 'role': 'support'},
                               {'id': 'C0OPERATE1', 'name': 'operations',
                                'role': 'operations'}]},
        'pagerduty': {'api_url': base + '/pagerduty', 'schedule_id': 'PSCHED1', 'layer': 2},
        'zenhub': {'api_url': base + '/zenhub', 'api': 'rest'},
        'super_epics': [
            {'name': 'Incident Response', 'issue': 'acme/ops#1',
             'kinds': ['incident', 'alert', 'deploy']},
            {'name': 'Global Customer Support', 'issue': 'acme/ops#2',
             'kinds': ['request', 'access', 'review', 'mention']}],
        'teammates': [
            {'name': 'Sam Ortega', 'github': 'samo', 'slack': 'U0SAMORTE1', 'pagerduty': 'PSAM'},
            {'name': 'Dana Levi', 'github': 'danalevi', 'slack': 'U0DANA0001',
             'pagerduty': 'PDANA01'}],
        'rules': {'emergency_keywords': ['outage'], 'deploy_failure_patterns': ['deploy .*fail']},
        'standup_time': standup_time,
    }
    if response is not None:
        p['response'] = response
    with open(path, 'w') as f:
        json.dump(p, f)
    return path
