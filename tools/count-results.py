#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads meson testlog.json files and prints one line: N passed, N failed, N skipped.
--steps-failed K counts K steps that failed outside a test (a build that stopped,
so that its suite never ran) as failed too."""

import json
import sys

PASSED = {'OK', 'EXPECTEDFAIL'}
SKIPPED = {'SKIP'}

passed = failed = skipped = 0
args = sys.argv[1:]
if args[:1] == ['--steps-failed']:
    failed += int(args[1])
    args = args[2:]
for path in args:
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            result = json.loads(line)['result']
            if result in PASSED:
                passed += 1
            elif result in SKIPPED:
                skipped += 1
            else:
                failed += 1
print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
sys.exit(1 if failed or passed == 0 else 0)
