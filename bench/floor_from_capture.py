#!/usr/bin/env python3
"""The floors of benchmarks 1 and 3, generated from the SQL the service really sent (so they cannot drift from it).

Usage: floor_from_capture.py CAPTURED_SQL CONVERSATION_UUID CONTENT > floor.pgbench

CAPTURED_SQL is PostgreSQL's log (log_statement = all, prefix already stripped by bench/run-append.sh or
bench/run-spans.sh) of one request: an append, or a batch of spans. The transaction that carries the request's conversation id becomes the pgbench script,
statement for statement, in order, with the bound parameters replaced by expressions that vary per
transaction as the service's values vary per request:
  the captured conversation id  -> bench.conversation(:c)   (a random conversation of the benchmark)
  any other UUID                -> a new id of the same version: bench.uuid7() (time-ordered, as Ids.newId
                                   makes) or gen_random_uuid() (random, as a client's span ids are): the
                                   indexes take random ids at a higher cost than ordered ones
  a timestamp                   -> now()
  the captured content          -> a unique text of the same shape as bench/load.lua sends
  NULL                          -> as is
  an array of uuids (a batch)   -> one new id per element, or one repeated (all equal: the batch's trace id), or
                                   the benchmark's conversation repeated
  any other value (a number, a role, an array of names or of JSON payloads)
                                -> a pgbench variable holding the captured text, so that it is bound as a
                                   parameter (pgbench -M prepared) and parsed by PostgreSQL at every
                                   transaction, as the service's is: a literal would be parsed once, when the
                                   statement is prepared, and the floor would skip work the service cannot.
                                   The script's header lists them as "-- define NAME=VALUE" lines; the
                                   benchmark passes each as -DNAME=VALUE (floor_defines in bench/lib.sh).
Statements sent outside that transaction are listed on stderr and left out of the floor (the asynchronous
request log's batched INSERT, a pool's liveness check): the floor then does less than the service, never more.
Exits 1 when no statement carries the conversation id (the capture failed: no floor rather than a wrong one).

Usage: floor_from_capture.py --check CAPTURED_SQL FLOOR_SCRIPT MARKER
checks a hand-written floor (bench/sql/append-bare.pgbench) against a capture instead: the transaction of the
capture whose statements contain MARKER must send the floor's statements, kind for kind, in order (the first two
words of each: BEGIN, WITH next, COMMIT...). Exits 1, naming both sequences, when they differ.
"""
import re
import sys

PREFIX = re.compile(r"^\S+@\S+ (LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT):\s+(.*)$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:?\d{2})?|Z)?$")
PARAM = re.compile(r"\$(\d+)\b")


def statements(lines):
    """(sql, {n: value or None}) in the order sent."""
    out = []
    current = None
    for raw in lines:
        line = raw.rstrip("\n")
        m = PREFIX.match(line)
        if m is None:
            if current is not None and current[0] == "LOG":
                current[1].append(line[1:] if line.startswith("\t") else line)
            continue
        kind, text = m.groups()
        if kind == "LOG":
            sql = re.sub(r"^(statement|execute [^:]*):\s*", "", text, count=1)
            if sql == text:  # not a statement line (e.g. a checkpoint)
                current = None
                continue
            current = ["LOG", [sql], {}]
            out.append(current)
        elif kind == "DETAIL" and current is not None and text.startswith("parameters: "):
            current[2] = parameters(text[len("parameters: "):])
        else:
            current = None if kind != "DETAIL" else current
    return [("\n".join(s).strip(), p) for _, s, p in out]


def parameters(text):
    """'$1 = 'a''b', $2 = NULL' -> {1: "a'b", 2: None}"""
    values = {}
    i = 0
    while i < len(text):
        m = re.compile(r"\s*,?\s*\$(\d+) = ").match(text, i)
        if m is None:
            break
        n = int(m.group(1))
        i = m.end()
        if text.startswith("NULL", i):
            values[n] = None
            i += 4
            continue
        assert text[i] == "'", text[i:i + 20]
        i += 1
        value = []
        while True:
            j = text.index("'", i)
            value.append(text[i:j])
            if text.startswith("''", j):
                value.append("'")
                i = j + 2
            else:
                i = j + 1
                break
        values[n] = "".join(value)
    return values


def literal(value):
    return "'" + value.replace("'", "''") + "'"


def array_elements(value):
    """'{a,b,NULL}' -> ['a', 'b', None] for arrays of bare elements (uuids, numbers); None when quoted."""
    if not (value.startswith("{") and value.endswith("}")) or '"' in value:
        return None
    inner = value[1:-1]
    return [None if e == "NULL" else e for e in inner.split(",")] if inner else []


def new_id(captured):
    """A new id per transaction of the captured id's version (its 13th hex digit)."""
    return "gen_random_uuid()" if captured[14] == "4" else "bench.uuid7()"


def array_expression(elements, conversation):
    """A uuid array varied per transaction as the service's varies per request (a batch of spans): one new id
    per element when they differ, one new id repeated when they are all the same (a batch's trace id), the
    benchmark's conversation repeated when they name the captured one; None when it is not a uuid array."""
    if not elements or not all(e is not None and UUID.match(e) for e in elements):
        return None
    n = len(elements)
    if all(e == conversation for e in elements):
        return f"array_fill(bench.conversation(:c), ARRAY[{n}])"
    if len(set(elements)) == 1:
        return f"array_fill({new_id(elements[0])}, ARRAY[{n}])"
    return f"ARRAY(SELECT {new_id(elements[0])} FROM generate_series(1, {n}))"


def expression(value, conversation, content, bind):
    if value is None:
        return "NULL"
    elements = array_elements(value)
    if elements is not None:
        varied = array_expression(elements, conversation)
        if varied is not None:
            return varied
    if value == conversation:
        return "bench.conversation(:c)"
    if value == content:
        # unique per transaction, the shape of bench/load.lua's bodies
        return ("('bench message ' || :client_id || '-' || (random() * 2147483647)::bigint || "
                + literal(content[content.index(":"):] if ":" in content else "") + ")")
    if UUID.match(value):
        return new_id(value)
    if TIMESTAMP.match(value):
        return "now()"
    return bind(value)


def grouped(sent):
    """The statements in transactions: BEGIN .. COMMIT/ROLLBACK, or a lone statement (autocommit)."""
    transactions, open_tx = [], None
    for sql, params in sent:
        word = sql.split(None, 1)[0].upper().rstrip(";") if sql else ""
        if word in ("BEGIN", "START"):
            open_tx = [(sql, params)]
        elif open_tx is not None:
            open_tx.append((sql, params))
            if word in ("COMMIT", "ROLLBACK", "END"):
                transactions.append(open_tx)
                open_tx = None
        else:
            transactions.append([(sql, params)])
    return transactions


def kinds(statements_sql):
    return [" ".join(sql.split()[:2]).rstrip(";").upper() for sql in statements_sql if sql.strip()]


def check(capture, floor, marker):
    with open(capture, encoding="utf-8", errors="replace") as f:
        sent = statements(f)
    marked = [t for t in grouped(sent) if any(marker in sql for sql, _ in t)]
    if not marked:
        print(f"floor_from_capture: no captured statement contains {marker!r}", file=sys.stderr)
        return 1
    captured = kinds(sql for sql, _ in marked[0])
    with open(floor, encoding="utf-8") as f:
        body = "\n".join(line for line in f if not line.lstrip().startswith(("--", "\\")))
    floored = kinds(body.split(";\n"))
    if captured != floored:
        print(f"floor_from_capture: {floor} sends {floored}, the service sent {captured}: the floor has drifted", file=sys.stderr)
        return 1
    return 0


def main():
    if sys.argv[1] == "--check":
        return check(*sys.argv[2:5])
    path, conversation, content = sys.argv[1:4]
    with open(path, encoding="utf-8", errors="replace") as f:
        sent = statements(f)
    transactions = grouped(sent)
    carrying = [t for t in transactions if any(conversation in s or any(conversation in (v or "") for v in p.values()) for s, p in t)]
    if len(carrying) != 1:
        print(f"floor_from_capture: {len(carrying)} transactions carry conversation {conversation} (expected 1)", file=sys.stderr)
        return 1
    for t in transactions:
        if t is not carrying[0]:
            print("floor_from_capture: not in the floor (sent outside the request's transaction): "
                  + " | ".join(" ".join(s.split())[:100] for s, _ in t), file=sys.stderr)
    print("-- Generated by bench/floor_from_capture.py from the statements the service sent for one request")
    print(f"-- (results/{'/'.join(path.split('/')[-2:])}): the same statements in the same order, parameters varied per transaction.")
    defines, script = [], []
    for index, (sql, params) in enumerate(carrying[0], start=1):
        def bind(value, n):
            if "\n" in value or "\r" in value:  # cannot travel as -DNAME=VALUE: a literal (parsed once)
                print(f"floor_from_capture: statement {index} parameter ${n} is a literal (a line break)", file=sys.stderr)
                return literal(value)
            name = f"s{index}p{n}"
            defines.append(f"-- define {name}={value}")
            return f":{name}"
        text = PARAM.sub(lambda m: expression(params[int(m.group(1))], conversation, content,
                                              lambda v, n=m.group(1): bind(v, n)), sql)
        lines = [line for line in text.splitlines() if line.strip()]
        script.append("\n".join(lines).rstrip().rstrip(";") + ";")
    print("\n".join(defines))
    print("\\set c random(1, :nconv)")
    print("\n".join(script))
    return 0


if __name__ == "__main__":
    sys.exit(main())
