#!/usr/bin/env python3
"""Draws one consumer group's lag from Prometheus's HTTP API as an SVG (used by bin/check-dashboards chart).

    lag_chart.py URL GROUP START END OUT.svg [EPOCH:label ...]

Three panels over the same time axis, from /api/v1/query_range: lag in records per partition, lag
in seconds per partition, and the group's members; each EPOCH:label draws a marked moment.
Prints the figures it drew. Standard library only.
"""
import datetime
import html
import json
import math
import sys
import urllib.parse
import urllib.request

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
WIDTH, LEFT, RIGHT = 960, 70, 170
PLOT_W = WIDTH - LEFT - RIGHT


def query_range(url, expr, start, end, step):
    params = urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(f"{url}/api/v1/query_range?{params}", timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise SystemExit(f"query_range failed: {body.get('error')}")
    return [(r["metric"], [(float(t), float(v)) for t, v in r["values"]]) for r in body["data"]["result"]]


def nice_max(value):
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * exponent:
            return m * exponent


def fmt(v):
    return f"{v:,.0f}" if v >= 10 or v == int(v) else f"{v:.1f}"


def panel(out, top, height, title, unit, series, start, end, step_line=False):
    x = lambda t: LEFT + (t - start) / (end - start) * PLOT_W
    highest = max((v for _, points in series for _, v in points), default=0)
    top_value = 4 if step_line and highest <= 4 else nice_max(highest)
    y = lambda v: top + height - v / top_value * height
    out.append(f'<text x="{LEFT}" y="{top - 8}" class="title">{html.escape(title)}</text>')
    for i in range(5):
        v = top_value * i / 4
        out.append(f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" class="axis" text-anchor="end">{fmt(v)}{unit}</text>')
    out.append(f'<rect x="{LEFT}" y="{top}" width="{PLOT_W}" height="{height}" class="frame"/>')
    for n, (label, points) in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        path, previous = [], None
        for t, v in points:
            if previous is not None and t - previous[0] > 10:  # a gap in the data: do not bridge it
                path.append(None)
            if step_line and previous is not None and path and path[-1] is not None:
                path.append((x(t), y(previous[1])))
            path.append((x(t), y(v)))
            previous = (t, v)
        d, pen = [], "M"
        for p in path:
            if p is None:
                pen = "M"
                continue
            d.append(f"{pen}{p[0]:.1f},{p[1]:.1f}")
            pen = "L"
        out.append(f'<path d="{" ".join(d)}" stroke="{colour}" class="line"/>')
        ly = top + 14 + n * 16
        out.append(f'<line x1="{LEFT + PLOT_W + 12}" x2="{LEFT + PLOT_W + 30}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{LEFT + PLOT_W + 36}" y="{ly}" class="legend">{html.escape(label)}</text>')


def main():
    url, group, start, end, target = sys.argv[1:6]
    marks = [(float(m.split(":", 1)[0]), m.split(":", 1)[1]) for m in sys.argv[6:]]
    start, end = float(start), float(end)
    step = max(2, int((end - start) / 400))
    g = f'group="{group}"'
    records = query_range(url, f"sum by (topic, partition) (kafka_consumergroup_lag_records{{{g}}})", start, end, step)
    seconds = query_range(url, f"max by (topic, partition) (kafka_consumergroup_lag_seconds{{{g}}})", start, end, step)
    members = query_range(url, f"max(kafka_consumergroup_members{{{g}}})", start, end, step)
    if not records or not seconds:
        raise SystemExit(f"no lag series for {group} between {start:.0f} and {end:.0f}")
    by_partition = lambda rs: sorted(((f"{m.get('topic', '?')}/{m.get('partition', '?')}", p) for m, p in rs),
                                     key=lambda s: s[0])
    records, seconds = by_partition(records), by_partition(seconds)
    total = {}
    for _, points in records:
        for t, v in points:
            total[t] = total.get(t, 0) + v
    records.append(("all partitions", sorted(total.items())))
    members = [("members", members[0][1])] if members else []

    out = []
    heights = [(80, 230), (360, 230), (640, 90)]
    height = heights[-1][0] + heights[-1][1] + 50
    out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="Helvetica, Arial, sans-serif">')
    out.append("<style>.title{font-size:14px;font-weight:bold;fill:#222}.axis{font-size:11px;fill:#555}"
               ".legend{font-size:12px;fill:#222}.grid{stroke:#e5e5e5}.frame{fill:none;stroke:#999}"
               ".line{fill:none;stroke-width:2}.mark{stroke:#444;stroke-dasharray:4 3}.marktext{font-size:11px;fill:#222}</style>")
    out.append(f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>')
    day = datetime.datetime.fromtimestamp(start, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out.append(f'<text x="{LEFT}" y="24" style="font-size:17px;font-weight:bold">{html.escape(group)}: consumer lag during a scale-out</text>')
    out.append(f'<text x="{LEFT}" y="42" class="axis">Prometheus query_range of kafka_consumergroup_lag_records / _lag_seconds / _members (consumer-lag-exporter), {day}, step {step}s</text>')
    panel(out, heights[0][0], heights[0][1], "Lag in records", "", records, start, end)
    panel(out, heights[1][0], heights[1][1], "Lag in seconds (oldest unconsumed record)", "s", seconds, start, end)
    panel(out, heights[2][0], heights[2][1], "Members of the group", "", members, start, end, step_line=True)
    bottom = heights[-1][0] + heights[-1][1]
    for n, (t, label) in enumerate(marks):
        mx = LEFT + (t - start) / (end - start) * PLOT_W
        out.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{heights[0][0]}" y2="{bottom}" class="mark"/>')
        # Alternate rows, so labels of close marks do not run into each other.
        # Near the right edge the label goes to the left of its line, clear of the legend.
        anchor, tx = ("end", mx - 3) if mx > LEFT + PLOT_W * 0.8 else ("start", mx + 3)
        out.append(f'<text x="{tx:.1f}" y="{heights[0][0] + 13 + (n % 2) * 14}" class="marktext" text-anchor="{anchor}">{html.escape(label)}</text>')
    for tick in range(0, int(end - start) + 1, 30):
        tx = LEFT + tick / (end - start) * PLOT_W
        out.append(f'<text x="{tx:.1f}" y="{bottom + 16}" class="axis" text-anchor="middle">{tick}s</text>')
    out.append("</svg>")
    with open(target, "w") as f:
        f.write("\n".join(out) + "\n")

    # The figures, per marked phase.
    bounds = [t for t, _ in marks] + [end]
    for (t, label), until in zip(marks, bounds[1:]):
        inside = [(ts, v) for ts, v in total.items() if t <= ts < until]
        secs = [v for _, p in seconds for ts, v in p if t <= ts < until]
        if inside:
            print(f"{label}: lag records {fmt(min(v for _, v in inside))}..{fmt(max(v for _, v in inside))}, "
                  f"lag seconds up to {max(secs, default=0):.1f}")


if __name__ == "__main__":
    main()
