#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the fuzzers' seed corpora: our own seeds from tests/fuzz/seeds,
plus every response example in the vendors' API descriptions when
../shared/api-specs is there. Usage: make-corpus.py SPECS_DIR OUT_DIR"""

import json
import os
import shutil
import sys

specs, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))


def examples(node):
    """Yields every example value found anywhere in an OpenAPI document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == 'examples' and isinstance(value, dict):
                for ex in value.values():
                    if isinstance(ex, dict) and 'value' in ex:
                        yield ex['value']
                    elif not isinstance(ex, dict) or '$ref' not in ex:
                        yield ex
            elif key == 'example':
                yield value
            else:
                yield from examples(value)
    elif isinstance(node, list):
        for value in node:
            yield from examples(value)


for family in ('github', 'slack', 'pagerduty', 'team-profile', 'json', 'handoff'):
    d = os.path.join(out, family)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    seeds = os.path.join(here, 'seeds')
    for name in sorted(os.listdir(seeds)):
        if name.startswith(family) or family == 'json':
            shutil.copy(os.path.join(seeds, name), d)
    # Deeply nested input, as the parsers must refuse it.
    with open(os.path.join(d, 'deep.json'), 'w') as f:
        f.write('[' * 100000 + ']' * 100000)
    # The same hidden from a look-ahead by what json-glib reads and RFC 8259
    # does not: a single-quoted string holding a double quote, a comment.
    with open(os.path.join(d, 'hidden-deep.json'), 'w') as f:
        f.write('{"ok":true,"x":\'"\',"messages":' + '[' * 100000 + ']' * 100000 + '}')
    with open(os.path.join(d, 'hidden-comment.json'), 'w') as f:
        f.write('{"ok":true,"x":/*"*/"y","messages":' + '[' * 100000 + ']' * 100000 + '}')
    with open(os.path.join(d, 'hidden-many.json'), 'w') as f:
        f.write('[\'"\'' + ',{}' * 130000 + ']')
    spec = os.path.join(specs, family + '.json')
    if os.path.exists(spec):
        with open(spec) as f:
            doc = json.load(f)
        for i, value in enumerate(examples(doc)):
            if isinstance(value, (dict, list)):
                with open(os.path.join(d, 'vendor-%04d.json' % i), 'w') as f:
                    json.dump(value, f)
    print('%s: %d seeds' % (family, len(os.listdir(d))))
