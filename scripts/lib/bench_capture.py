#!/usr/bin/env python3
"""Turns the statements one HTTP request sent to PostgreSQL into a pgbench script.

scripts/bench sets log_statement=all with log_line_prefix '%a|' for one request of a
route, then calls:

    bench_capture.py LOG OFFSET APP OUT.sql OUT.args [--fresh VALUE=EXPR ...] [--set 'CMD' ...]

LOG is the server log, OFFSET the byte where the request's lines start, APP the
application_name of the server's connections. OUT.sql gets the statements in order,
verbatim, each `$n` replaced by a pgbench variable (`:sN_pM`, sent as a parameter with
`-M prepared`); OUT.args gets the matching `-D name=value` arguments, one per line.
NULL parameters become NULL in the text. --fresh VALUE=EXPR: a parameter whose value is
VALUE becomes the SQL expression EXPR (a new id or day per transaction), and one that
merely contains VALUE becomes replace('…', VALUE, (EXPR)::text) with the original
parameter's cast kept by the statement. --set adds a pgbench meta-command first
(e.g. `\\set day random(0, 80000)`).
"""
import re
import sys


def records(text, app):
    """(kind, message) of the server's LOG and DETAIL lines, continuation lines joined."""
    prefix = app + "|"
    current = None
    for line in text.split("\n"):
        if line.startswith(prefix):
            if current:
                yield current
            body = line[len(prefix):]
            kind, _, message = body.partition(":  ")
            current = [kind, message]
        elif current is not None and not re.match(r"^[^|\s]*\|(LOG|DETAIL|ERROR|STATEMENT|WARNING|HINT|CONTEXT):", line):
            current[1] += "\n" + line
        else:
            if current:
                yield current
            current = None
    if current:
        yield current


PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def main():
    log, offset, app, out_sql, out_args = sys.argv[1:6]
    fresh = []
    meta = []
    rest = sys.argv[6:]
    while rest:
        flag, value = rest[0], rest[1]
        rest = rest[2:]
        if flag == "--fresh":
            token, _, expr = value.partition("=")
            fresh.append((token, expr))
        elif flag == "--set":
            meta.append(value)
    with open(log, "rb") as f:
        f.seek(int(offset))
        text = f.read().decode("utf-8", "replace")
    statements = []
    for kind, message in records(text, app):
        if kind == "LOG":
            m = re.match(r"(?:execute [^:]*|statement): (.*)", message, re.S)
            if m:
                statements.append([m.group(1), {}])
        elif kind == "DETAIL" and statements and message.startswith("parameters:"):
            for number, value in PARAM.findall(message):
                statements[-1][1][int(number)] = None if value == "NULL" else value[1:-1].replace("''", "'")
    if not statements:
        sys.exit("no statements captured")
    lines, args = list(meta), []
    for index, (sql, params) in enumerate(statements, 1):
        def bind(match):
            number = int(match.group(1))
            if number not in params:
                return match.group(0)
            value = params[number]
            if value is None:
                return "NULL"
            for token, expr in fresh:
                if value == token:
                    return "(" + expr + ")"
            for token, expr in fresh:
                if token in value:
                    quoted = value.replace("'", "''")
                    return "replace('%s', '%s', (%s)::text)" % (quoted, token, expr)
            name = "s%d_p%d" % (index, number)
            args.append("%s=%s" % (name, value))
            return ":" + name
        text = re.sub(r"\$(\d+)\b", bind, sql.strip())
        lines.append(text.rstrip(";") + ";")
    with open(out_sql, "w") as f:
        f.write("-- Captured by scripts/bench from the server log: the statements of one request, in order.\n")
        f.write("\n".join(lines) + "\n")
    with open(out_args, "w") as f:
        f.write("".join("-D\n%s\n" % a for a in args))


if __name__ == "__main__":
    main()
