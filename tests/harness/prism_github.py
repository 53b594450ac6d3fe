# SPDX-License-Identifier: GPL-3.0-or-later
"""GitHub's REST API description, as Prism 5 must read it to check what the
description says.

The description is GitHub's own, whole: `generated/api.github.com.json` of the
npm package @octokit/openapi, pinned in tests/contract/package.json. Read as it
is, Prism refuses or skips some of it; the copy it serves differs in these
ways only, none of which loosens what a request must be:

- every JSON answer is also offered as `application/vnd.github+json`, the
  Accept header GitHub documents and Dayshift sends (the description names
  `application/json` only, and Prism answers 406 to anything else);
- an example whose value is a `$ref` to an example becomes that `$ref`
  (otherwise Prism serves the example wrapped in {"value": ...});
- a schema that is `nullable` without a `type` ({"oneOf": [...],
  "nullable": true}) says null as one of its choices instead, and a null in
  the enum of a typed nullable schema is dropped (Prism adds it back): ajv,
  Prism's validator, cannot compile either, and Prism then skips checking
  the whole body against that schema;
- header parameters named Accept, Content-Type and Authorization are
  dropped: OpenAPI 3 says they are ignored, Prism enforces them.
"""

import json

JSON = 'application/json'
GITHUB_JSON = 'application/vnd.github+json'
METHODS = ('get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace')
IGNORED_HEADERS = ('accept', 'content-type', 'authorization')


def _resolve(doc, node):
    """The object a local "$ref" points at, or node itself."""
    ref = node.get('$ref') if isinstance(node, dict) else None
    if not ref or not ref.startswith('#/'):
        return node
    node = doc
    for part in ref[2:].split('/'):
        node = node[part.replace('~1', '/').replace('~0', '~')]
    return node


def _fix_schemas(node, counts):
    """The nullable and example rewrites, everywhere in the description."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        if node.get('nullable') is True:
            if 'type' not in node:
                for keyword in ('oneOf', 'anyOf'):
                    if isinstance(node.get(keyword), list):
                        del node['nullable']
                        node[keyword].append({'enum': [None]})
                        counts['typeless nullable'] += 1
                        break
            elif isinstance(node.get('enum'), list) and None in node['enum']:
                node['enum'] = [e for e in node['enum'] if e is not None]
                counts['null in a nullable enum'] += 1
        examples = node.get('examples')
        if isinstance(examples, dict) and '$ref' not in examples:
            for name, example in examples.items():
                value = example.get('value') if isinstance(example, dict) else None
                if (isinstance(value, dict) and list(value) == ['$ref']
                        and str(value['$ref']).startswith('#/components/examples/')):
                    examples[name] = {'$ref': value['$ref']}
                    counts['example wrapping a $ref'] += 1
        stack.extend(node.values())


def prepare(source, out):
    """Writes to out the copy of the description at source that Prism serves.
    Returns what was rewritten, as {rewrite: count}."""
    with open(source, encoding='utf-8') as f:
        doc = json.load(f)
    counts = {'JSON answer also as ' + GITHUB_JSON: 0, 'Accept/Content-Type/Authorization parameter': 0,
              'typeless nullable': 0, 'null in a nullable enum': 0, 'example wrapping a $ref': 0}

    def alias(response):
        content = _resolve(doc, response).get('content')
        if isinstance(content, dict) and JSON in content and GITHUB_JSON not in content:
            content[GITHUB_JSON] = content[JSON]
            counts['JSON answer also as ' + GITHUB_JSON] += 1

    def kept(parameters):
        out = []
        for parameter in parameters:
            p = _resolve(doc, parameter)
            if p.get('in') == 'header' and str(p.get('name', '')).lower() in IGNORED_HEADERS:
                counts['Accept/Content-Type/Authorization parameter'] += 1
                continue
            out.append(parameter)
        return out

    for item in doc.get('paths', {}).values():
        if isinstance(item.get('parameters'), list):
            item['parameters'] = kept(item['parameters'])
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            if isinstance(operation.get('parameters'), list):
                operation['parameters'] = kept(operation['parameters'])
            for response in operation.get('responses', {}).values():
                alias(response)
    _fix_schemas(doc, counts)

    with open(out, 'w', encoding='utf-8') as f:
        json.dump(doc, f)
    return counts
