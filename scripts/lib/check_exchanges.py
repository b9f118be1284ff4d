#!/usr/bin/env python3
"""Checks the HTTP exchanges recorded by the API tests against the OpenAPI document.

    check_exchanges.py --openapi Sources/API/Resources/openapi.yaml \
        --exchanges DIR [--allow-list scripts/lib/openapi-unreturned.txt] [--no-coverage]

DIR holds the `exchanges-<pid>.jsonl` files that the tests write when
SHEAF_TEST_EXCHANGES is set (Tests/TestSupport/ExchangeRecorder.swift): one JSON object
per line with `method`, `path` (concrete, without the query), `status`,
`content_type` and, for JSON and problem+json answers, `body`.

For every exchange:
  * the operation is found by matching the concrete path against the document's path
    templates (a literal segment beats a parameter, as OpenAPI says) and the method;
  * the response is the one declared for the status, else for its range (`4XX`), else
    `default`; none of them is a failure (an undocumented status);
  * the content type must be one the response declares (a body where none is declared,
    or none where one is, is a failure);
  * a JSON body is validated against the declared schema with JSON Schema 2020-12
    (OpenAPI 3.1's dialect), `#/components/...` references resolved in the document,
    and the formats uuid, date, date-time and email checked. An object schema that
    lists `properties` is taken as closed (as if `additionalProperties: false`) unless
    it says otherwise: the server must not send a field the document does not name,
    so a renamed or misspelt optional field is caught too. (The document itself stays
    open, so that clients tolerate fields added later.)
A request to a path the document does not have may only be answered 404 or 405 (the
tests probe unknown routes on purpose) or 413 (the body limit comes before routing);
its problem body is checked against Problem. The console's HTML pages (/app, /portal;
issue 19) are not part of the API and not in the document: they are only counted (and
may never answer 500); ConsoleMatrixTests checks each of them for every role.

Then, unless --no-coverage (a partial test run): every documented (operation, status)
must have been answered at least once by the tests, or be listed in the allow-list
with a reason. An allow-list entry that is no longer needed (the status was returned,
or is no longer documented) is a failure too, so that the list only shrinks.

Exit status: 0 when the contract holds, 1 when it does not, 2 on a usage error.
Needs PyYAML and jsonschema >= 4 (Debian 12: python3-yaml, python3-jsonschema).
"""

import argparse
import collections
import copy
import datetime
import glob
import json
import os
import re
import sys
import uuid

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(f"error: {missing.name} is missing: install python3-yaml and python3-jsonschema (Debian) or `pip install pyyaml jsonschema`", file=sys.stderr)
    sys.exit(2)
if not hasattr(jsonschema, "Draft202012Validator"):
    print("error: jsonschema 4 or later is needed (JSON Schema 2020-12)", file=sys.stderr)
    sys.exit(2)

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


# --- formats ---------------------------------------------------------------------
# jsonschema checks formats only with optional packages installed (rfc3339-validator
# for date-time); these checks do not depend on what happens to be installed.
FORMATS = jsonschema.FormatChecker(formats=())

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


@FORMATS.checks("date", raises=ValueError)
def _is_date(value):
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    datetime.date.fromisoformat(value)
    return True


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value):
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


@FORMATS.checks("uuid", raises=ValueError)
def _is_uuid(value):
    if not isinstance(value, str):
        return True
    if not _UUID.match(value):
        return False
    uuid.UUID(value)
    return True


@FORMATS.checks("email")
def _is_email(value):
    return not isinstance(value, str) or ("@" in value and not value.startswith("@") and not value.endswith("@"))


# --- the document ----------------------------------------------------------------
class Document:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.raw = yaml.safe_load(f)
        if not str(self.raw.get("openapi", "")).startswith("3.1"):
            raise SystemExit(f"error: {path}: expected an OpenAPI 3.1 document")
        self.components = closed(copy.deepcopy(self.raw.get("components", {})))
        self.templates = []  # (regex, template, literal segment count)
        for template in self.raw.get("paths", {}):
            parts = template.strip("/").split("/")
            regex = "^/" + "/".join("[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p) for p in parts) + "$"
            literal = sum(1 for p in parts if not p.startswith("{"))
            self.templates.append((re.compile(regex), template, literal))
        # Most literal segments first: /sessions/current before /sessions/{id}.
        self.templates.sort(key=lambda t: -t[2])
        self._validators = {}

    def resolve(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node and len(node) == 1:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise SystemExit(f"error: only local references are supported, not {ref}")
            node = self.raw
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
            if seen > 20:
                raise SystemExit(f"error: reference loop at {ref}")
        return node

    def operation(self, method, path):
        """(template, operation) for a concrete path, (template, None) when the path
        exists without that method, (None, None) when no path matches."""
        for regex, template, _ in self.templates:
            if regex.match(path):
                item = self.resolve(self.raw["paths"][template])
                op = item.get(method.lower())
                return template, op
        return None, None

    def operations(self):
        for template, item in self.raw.get("paths", {}).items():
            item = self.resolve(item)
            for method in METHODS:
                if method in item:
                    yield method.upper(), template, item[method]

    def responses(self, op):
        return {str(k): self.resolve(v) for k, v in op.get("responses", {}).items()}

    def response_for(self, op, status):
        """(key, response) for a status: exact, then range (4XX), then default."""
        responses = self.responses(op)
        for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default"):
            if key in responses:
                return key, responses[key]
        return None, None

    def validator(self, schema):
        key = id(schema)
        if key not in self._validators:
            # The schema with the document's components beside it, so that
            # `#/components/schemas/...` resolves inside it (jsonschema 4.10 to 4.26 alike).
            root = closed(copy.deepcopy(schema))
            root["components"] = self.components
            root.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
            self._validators[key] = jsonschema.Draft202012Validator(root, format_checker=FORMATS)
        return self._validators[key]


def closed(node):
    """The schema with every object that lists `properties` closed to other fields."""
    if isinstance(node, dict):
        if "properties" in node and "additionalProperties" not in node and "unevaluatedProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            closed(value)
    elif isinstance(node, list):
        for value in node:
            closed(value)
    return node


def media_type(content_type):
    return (content_type or "").split(";")[0].strip().lower()


def json_path(error):
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def short(value, limit=120):
    text = json.dumps(value, sort_keys=True) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the allow-list ------------------------------------------------------------------
def load_allow_list(path):
    """{(METHOD, template, status): reason}; every entry needs a reason after `#`."""
    entries = {}
    problems = []
    if not path:
        return entries, problems
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            spec, _, reason = text.partition("#")
            fields = spec.split()
            if len(fields) != 3 or not reason.strip():
                problems.append(f"{path}:{number}: expected `METHOD /path/template STATUS  # reason`, got: {text}")
                continue
            entries[(fields[0].upper(), fields[1], fields[2])] = (reason.strip(), number)
    return entries, problems


# --- the check ---------------------------------------------------------------------------
def is_console(path):
    """Whether `path` is a page of the console (issue 19): /app, /portal and below."""
    return path in ("/app", "/portal") or path.startswith("/app/") or path.startswith("/portal/")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--openapi", required=True)
    parser.add_argument("--exchanges", required=True, help="directory of exchanges-*.jsonl files")
    parser.add_argument("--allow-list", help="documented statuses no test returns, with a reason each")
    parser.add_argument("--no-coverage", action="store_true", help="skip the documented-but-never-returned check (partial test runs)")
    args = parser.parse_args()

    doc = Document(args.openapi)
    files = sorted(glob.glob(os.path.join(args.exchanges, "exchanges-*.jsonl")))
    exchanges = []
    for name in files:
        with open(name, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if line.strip():
                    try:
                        exchanges.append(json.loads(line))
                    except json.JSONDecodeError:
                        print(f"error: {name}:{number}: not a JSON line (a test process cut short?)", file=sys.stderr)
                        return 1
    if not exchanges:
        print(f"error: no exchanges recorded in {args.exchanges} (is SHEAF_TEST_EXCHANGES reaching the tests?)", file=sys.stderr)
        return 1

    # failure key -> [count, example]; one line per distinct failure, however often seen.
    failures = collections.OrderedDict()

    def fail(operation, status, what, example, key=None):
        # Failures are grouped by `key` (default: the message), shown with the first message.
        key = (operation, str(status), key or what)
        if key not in failures:
            failures[key] = [0, example, what]
        failures[key][0] += 1

    def schema_failures(operation, status, validator, instance, example, prefix=""):
        for error in validator.iter_errors(instance):
            where = json_path(error)
            # $.items[3].x and $.items[0].x are one finding.
            grouped = re.sub(r"\[\d+\]", "[*]", where) + " " + "/".join(str(p) for p in error.relative_schema_path)
            fail(operation, status, f"{prefix}{where}: {short(error.message, 300)}", example, key=grouped)

    returned = collections.Counter()  # (METHOD, template, response key)
    validated = 0
    unknown_routes = 0
    console_exchanges = 0
    problem_schema = doc.resolve({"$ref": "#/components/schemas/Problem"})

    for ex in exchanges:
        method, path, status = ex["method"].upper(), ex["path"], int(ex["status"])
        body, ctype = ex.get("body"), media_type(ex.get("content_type"))
        template, op = doc.operation(method, path)
        if op is None and is_console(path):
            # The console's HTML pages (/app, /portal) are not part of the JSON API: they
            # are not in the document, and Tests/APITests/Console/ConsoleMatrixTests checks
            # every console route for every role. Here they only may never fail with a 500.
            console_exchanges += 1
            if status == 500:
                fail(f"{method} {path}", status, "a console page failed with 500", path)
            continue
        if op is None:
            # Unknown path or method: only "not found" / "not allowed", as a problem, or
            # "too large": the body limit is a middleware in front of the router.
            operation = f"{method} {template or path}"
            if status not in (404, 405, 413):
                fail(operation, status, "answered for a path/method the document does not have", path)
                continue
            unknown_routes += 1
            if body is not None:
                schema_failures(operation, status, doc.validator(problem_schema), json.loads(body), path, prefix="Problem at ")
            continue

        operation = f"{method} {template}"
        if op.get("operationId"):
            operation += f" ({op['operationId']})"
        key, response = doc.response_for(op, status)
        if response is None:
            fail(operation, status, "undocumented status", f"{path}: {short(body) if body else ctype}")
            continue
        returned[(method, template, key)] += 1

        content = response.get("content") or {}
        if not content:
            if body:
                fail(operation, status, f"a {ctype} body where the document declares none", path)
            continue
        if not ctype:
            fail(operation, status, "no body where the document declares " + ", ".join(content), path)
            continue
        declared = ctype if ctype in content else next((k for k in content if k.endswith("/*") and ctype.startswith(k[:-1])), None)
        if declared is None:
            fail(operation, status, f"content type {ctype} not among the documented " + ", ".join(content), path)
            continue
        schema = (content[declared] or {}).get("schema")
        if body is None or schema is None:
            continue
        try:
            instance = json.loads(body)
        except json.JSONDecodeError as error:
            fail(operation, status, f"body is not JSON: {error}", path)
            continue
        validated += 1
        schema_failures(operation, status, doc.validator(schema), instance, path)

    # Coverage: documented statuses that no test saw.
    allow, allow_problems = load_allow_list(args.allow_list)
    unreturned = []
    stale = []
    documented = set()
    for method, template, op in doc.operations():
        for key in doc.responses(op):
            documented.add((method, template, key))
            if returned[(method, template, key)]:
                if (method, template, key) in allow and not args.no_coverage:
                    stale.append(f"{method} {template} {key}: returned by the tests now; remove it (line {allow[(method, template, key)][1]})")
                continue
            if (method, template, key) not in allow:
                unreturned.append(f"{method} {template} {key}" + (f" ({op['operationId']})" if op.get("operationId") else ""))
    for entry, (_, number) in allow.items():
        if entry not in documented:
            stale.append(f"{' '.join(entry)}: not documented; remove it (line {number})")

    operations = {(m, t) for m, t, _ in returned}
    total_ops = sum(1 for _ in doc.operations())
    print(
        f"contract: {len(exchanges)} exchanges from {len(files)} process(es); {validated} JSON bodies validated; "
        f"{len(operations)}/{total_ops} operations and {len(returned)}/{len(documented)} documented statuses exercised; "
        f"{unknown_routes} answers to unknown routes; {console_exchanges} console pages (not API, not checked here)"
    )

    ok = True
    if failures:
        ok = False
        print(f"\n{len(failures)} response(s) do not match openapi.yaml:")
        for (operation, status, _), (count, example, what) in failures.items():
            print(f"  {operation} -> {status}: {what}  [{count}x, e.g. {example}]")
    if allow_problems:
        ok = False
        print("\nallow-list errors:")
        for problem in allow_problems:
            print(f"  {problem}")
    if not args.no_coverage:
        if unreturned:
            ok = False
            print(f"\n{len(unreturned)} documented status(es) no test returns (test them, remove them, or allow-list them with a reason):")
            for item in unreturned:
                print(f"  {item}")
        if stale:
            ok = False
            print("\nallow-list entries no longer needed:")
            for item in stale:
                print(f"  {item}")
    print("contract: " + ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
