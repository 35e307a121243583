#!/usr/bin/env python3
"""The dashboards' queries, checked against a real Prometheus (used by bin/check-dashboards).

    panels.py validate DIR                    every dashboard is well-formed Grafana JSON
    panels.py evaluate URL DIR WAIT           every panel query returns at least one series
    panels.py lag URL GROUP                   the consumer-lag panels for one group, as numbers
    panels.py query URL EXPR                  one instant query, "labels value" per series

Grafana's variables are replaced as Grafana would with everything selected ($var -> .*, i.e.
the variable's allValue) and its intervals by a fixed window ($__rate_interval -> 1m).
Standard library only.
"""
import json
import pathlib
import re
import sys
import time
import urllib.parse
import urllib.request

WINDOW = "1m"
DATASOURCE_UID = "prometheus"


def dashboards(directory):
    for path in sorted(pathlib.Path(directory).glob("*.json")):
        with open(path) as f:
            yield path.name, json.load(f)


def panels(board):
    for panel in board.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


def substitute(expr, values):
    expr = expr.replace("$__rate_interval", WINDOW).replace("$__interval", WINDOW).replace("$__range", "5m")

    def value(match):
        name = match.group(1) or match.group(2) or match.group(3)
        return values.get(name, ".*")

    return re.sub(r"\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)", value, expr)


def queries(directory, values=None):
    """(dashboard file, panel title, refId, query) for every panel target."""
    for name, board in dashboards(directory):
        for panel in panels(board):
            for t in panel.get("targets", []):
                yield name, panel["title"], t["refId"], substitute(t["expr"], values or {})


def validate(directory):
    problems, uids, count = [], set(), 0
    for name, board in dashboards(directory):
        for key in ("uid", "title", "schemaVersion", "panels"):
            if key not in board:
                problems.append(f"{name}: no '{key}'")
        if board.get("uid") in uids:
            problems.append(f"{name}: uid {board.get('uid')} used twice")
        uids.add(board.get("uid"))
        ids = set()
        for panel in panels(board):
            if panel.get("id") in ids:
                problems.append(f"{name}: panel id {panel.get('id')} used twice")
            ids.add(panel.get("id"))
            if panel.get("type") == "row":
                continue
            title = panel.get("title", "?")
            if panel.get("datasource", {}).get("uid") != DATASOURCE_UID:
                problems.append(f"{name} / {title}: datasource uid is not '{DATASOURCE_UID}'")
            if not panel.get("targets"):
                problems.append(f"{name} / {title}: no targets")
            for t in panel.get("targets", []):
                count += 1
                if not t.get("expr") or "legendFormat" not in t or not t.get("refId"):
                    problems.append(f"{name} / {title}: a target lacks expr, legendFormat or refId")
    for p in problems:
        print(f"INVALID {p}")
    print(f"dashboards: {len(uids)} files, {count} panel queries, {len(problems)} problem(s)")
    return 0 if not problems else 1


def query(url, expr):
    """The instant vector for expr, as [(labels, value)]; raises on a PromQL error."""
    data = urllib.parse.urlencode({"query": expr}).encode()
    with urllib.request.urlopen(f"{url}/api/v1/query", data=data, timeout=10) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(body.get("error", "query failed"))
    result = body["data"]["result"]
    if body["data"]["resultType"] != "vector":
        return [({}, float(result[1]))]
    return [(r["metric"], float(r["value"][1])) for r in result]


def short(series):
    shown = []
    for labels, value in series[:4]:
        tags = ",".join(f"{k}={v}" for k, v in sorted(labels.items()) if k not in ("__name__", "job"))
        shown.append(f"{{{tags}}}={value:.4g}")
    return " ".join(shown) + (" ..." if len(series) > 4 else "")


def evaluate(url, directory, wait_seconds):
    """Every query must return a series; waits up to wait_seconds for those that do not yet."""
    pending = list(queries(directory))
    results, errors = {}, {}
    deadline = time.monotonic() + float(wait_seconds)
    while True:
        still = []
        for q in pending:
            try:
                series = query(url, q[3])
            except Exception as e:  # a PromQL error never heals: report it at once
                errors[q] = str(e)
                continue
            if series:
                results[q] = series
            else:
                still.append(q)
        pending = still
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(2)
    failed = 0
    for q in queries(directory):
        name, title, ref, expr = q
        if q in results:
            print(f"PASS {name} / {title} [{ref}]: {len(results[q])} series  {short(results[q])}")
        else:
            failed += 1
            why = errors.get(q, "no series")
            print(f"FAIL {name} / {title} [{ref}]: {why}\n     {expr}")
    total = len(list(queries(directory)))
    print(f"panel queries: {total - failed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def lag(url, group):
    """Sum of lag records and max lag seconds of one group, through the consumer-lag panels."""
    values = {"group": group, "topic": ".*"}
    out = {}
    for name, title, ref, expr in queries(DEFAULT_DIR, values):
        if name != "consumer-lag.json" or "per group and partition" not in title:
            continue
        series = [(labels, v) for labels, v in query(url, expr) if v == v]  # NaN: not read this pass
        unit = "seconds" if "seconds" in title else "records"
        total = max((v for _, v in series), default=None) if unit == "seconds" else sum(v for _, v in series)
        out[unit] = (len(series), total)
    records, seconds = out.get("records", (0, None)), out.get("seconds", (0, None))
    print(f"series_records={records[0]} lag_records={records[1] if records[1] is not None else 'none'} "
          f"series_seconds={seconds[0]} lag_seconds={seconds[1] if seconds[1] is not None else 'none'}")
    return 0


def show(url, expr):
    """One instant query's series, "labels value" per line, labels sorted."""
    for labels, value in query(url, expr):
        tags = ",".join(f"{k}={v}" for k, v in sorted(labels.items()))
        print(tags, int(value) if value.is_integer() else value)
    return 0


DEFAULT_DIR = pathlib.Path(__file__).resolve().parents[1] / "grafana" / "dashboards"

if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "validate":
        sys.exit(validate(sys.argv[2]))
    if command == "evaluate":
        sys.exit(evaluate(sys.argv[2], sys.argv[3], sys.argv[4]))
    if command == "lag":
        sys.exit(lag(sys.argv[2], sys.argv[3]))
    if command == "query":
        sys.exit(show(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)
