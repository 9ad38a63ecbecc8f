"""`make bench`, the report: the in-process and load figures as two tables, rows over the targets flagged,
printed and written into docs/PERFORMANCE.md between the markers (the rest of the document is prose
people write, and stays as it is).

    python -m bench.report OUT_DIR docs/PERFORMANCE.md

Reads OUT_DIR/inprocess.json (bench/measure.py), and if the load test ran OUT_DIR/load_stats.csv
(locust), OUT_DIR/sign_in.json (bench/locustfile.py) and OUT_DIR/http_alone.json (bench/http_alone.py).
Plain Python, no Django: it only formats."""

import csv
import json
import os
import sys
from pathlib import Path

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"

# The targets of issue 11, at region scale (docs/PERFORMANCE.md explains them).
MEDIAN_MS = 100  # in-process median
LOAD_P95_MS = 300  # under 30 users
LOAD_RATIO = 2  # p50 under load ÷ the same page's median with no load (bench/http_alone.py)
PAGE_BYTES = 150_000  # HTML; 1 KB = 1,000 bytes


def _ms(value) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 10 else f"{value:,.0f}"


def inprocess_table(results: dict) -> list[str]:
    lines = ["| page | role | median ms | p95 ms | KB | queries | over target |", "|---|---|--:|--:|--:|--:|---|"]
    for row in results["rows"]:
        flags = []
        if row["status"] != 200:
            flags.append(f"status {row['status']}")
        if (row.get("median_ms") or 0) > MEDIAN_MS:
            flags.append(f"median > {MEDIAN_MS} ms")
        if row["bytes"] > PAGE_BYTES:
            flags.append(f"> {PAGE_BYTES // 1000} KB")
        role = "any (signed in)" if row["key"] == results.get("floor") else row["role"]
        lines.append(f"| {row['page']} | {role} | {_ms(row.get('median_ms'))} | {_ms(row.get('p95_ms'))} "
                     f"| {row['bytes'] / 1000:,.1f} | {row['queries']} | {'; '.join(flags)} |")
    return lines


def read_load(path: Path) -> dict[str, dict]:
    """locust's per-request statistics by request name, the Aggregated line left out."""
    if not path.exists():
        return {}
    with path.open(newline="") as stats:
        return {row["Name"]: row for row in csv.DictReader(stats) if row["Name"] != "Aggregated"}


def _number(text: str | None) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None  # locust writes N/A for a request it never made


def load_table(results: dict, load: dict[str, dict], alone: dict | None = None) -> list[str]:
    """The p50 under load set against the same page with no load over HTTP (queueing, which the target
    is about), and beside it against the in-process median (which leaves out HTTP's own cost, and is
    the comparison when the baseline was not measured)."""
    alone = alone or {}
    lines = ["| page | role | requests | failures | p50 ms | p95 ms | alone ms | p50 ÷ alone "
             "| p50 ÷ in-process | over target |",
             "|---|---|--:|--:|--:|--:|--:|--:|--:|---|"]
    inprocess = {row["key"]: row for row in results["rows"]}
    # The sign-ins happen before the figures restart (bench/locustfile.py), so they show no requests.
    names = [key for key in inprocess if key in load] + [name for name in load if name not in inprocess
                                                          and int(load[name]["Request Count"] or 0)]
    for name in names:
        stats, row = load[name], inprocess.get(name, {})
        p50, p95 = _number(stats.get("50%")), _number(stats.get("95%"))
        median = row.get("median_ms")
        ratio = p50 / median if p50 is not None and median else None
        baseline = alone.get(name)
        queued = p50 / baseline if p50 is not None and baseline else None
        judged = queued if baseline else ratio
        flags = []
        failures = int(stats.get("Failure Count") or 0)
        if failures:
            flags.append(f"{failures} failed")
        if p95 is not None and p95 > LOAD_P95_MS:
            flags.append(f"p95 > {LOAD_P95_MS} ms")
        if judged is not None and judged > LOAD_RATIO:
            flags.append(f"p50 > {LOAD_RATIO}× {'alone' if baseline else 'in-process'}")
        page = row.get("page", name)
        role = "any (signed in)" if name == results.get("floor") else row.get("role", "–")
        lines.append(f"| {page} | {role} | {stats['Request Count']} | {failures} | {_ms(p50)} | {_ms(p95)} "
                     f"| {_ms(baseline)} | {f'{queued:.1f}×' if queued is not None else '–'} "
                     f"| {f'{ratio:.1f}×' if ratio is not None else '–'} | {'; '.join(flags)} |")
    return lines


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f}" if size >= 10 * 1024 * 1024 else f"{size / 1024 / 1024:.1f}"


def storage_table(storage: dict) -> list[str]:
    """The largest tables, for the capacity model: rows, MB of heap, MB of indexes, bytes per row."""
    if not storage:
        return []
    lines = [f"### On disk: {_mb(storage['database_bytes'])} MB in all, the largest tables", "",
             "| table | rows | table MB | indexes MB | bytes per row |", "|---|--:|--:|--:|--:|"]
    for table in storage["tables"]:
        total = table["table_bytes"] + table["index_bytes"]
        per_row = f"{total / table['rows']:,.0f}" if table["rows"] else "–"
        lines.append(f"| {table['table']} | {table['rows']:,} | {_mb(table['table_bytes'])} | "
                     f"{_mb(table['index_bytes'])} | {per_row} |")
    return [*lines, ""]


def _calibration_line(calibration: dict | None) -> list[str]:
    if not calibration:
        return []
    return ["", f"Calibration (the section \"Comparing runs\" explains it): a fixed Python loop took "
                f"{calibration['python_ms']:.0f} ms and a fixed query {calibration['database_ms']:.0f} ms."]


def render(results: dict, load: dict[str, dict], sign_ins: dict | None = None, alone: dict | None = None) -> str:
    machine, data = results["machine"], results["data"]
    sizes = ", ".join(f"{count:,} {label}" for label, count in data["sizes"].items())
    lines = [
        f"Measured {machine['date']} at commit `{machine['commit']}` on {machine['CPU']}, {machine['memory']} "
        f"of memory, {machine['database']}, Python {machine['Python']}, Django {machine['Django']}"
        + (f"; the load average was {machine['load']:.1f} when it started." if machine.get("load") is not None
           else "."),
        *_calibration_line(machine.get("calibration")),
        "",
        f"Data: {data['source']}. The database held {sizes}.",
        "",
        *(f"- {note}" for note in results.get("notes", [])),
        "",
        *storage_table(data.get("storage", {})),
        f"### In-process: Django's test client, {results['repeats']} timed requests per page",
        "",
        *inprocess_table(results),
        "",
    ]
    if load:
        # bench/run exports the load test's settings, defaults filled in.
        users, seconds, think_min, think_max = (os.environ.get(f"BENCH_{name}", "?") for name in
                                                ("USERS", "LOAD_SECONDS", "THINK_MIN", "THINK_MAX"))
        lines += [
            f"### Under load: {users} people for {seconds} s, think time {think_min}–{think_max} s, "
            "the service started by bin/serve",
            "",
            *load_table(results, load, alone),
            "",
        ]
        if sign_ins:
            lines += [f"Before the figures started, all {sign_ins['people']} people signed in, the last "
                      f"{sign_ins['seconds']:.0f} s after the start (each sign-in: p50 {_ms(sign_ins['p50_ms'])} "
                      f"ms, slowest {_ms(sign_ins['slowest_ms'])} ms).", ""]
    else:
        lines += ["The load test did not run (BENCH_LOAD_SECONDS=0, or it failed to start).", ""]
    if results.get("skipped"):
        lines += ["Not measured:", "", *(f"- {reason}" for reason in results["skipped"]), ""]
    return "\n".join(lines).strip() + "\n"


def replace_between_markers(document: str, text: str) -> str:
    """The document with only the text between the markers replaced. Missing markers are an error,
    never a reason to append: the figures belong in one known place."""
    before, start, rest = document.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the document needs the lines {START} and {END}, in that order")
    return f"{before}{START}\n{text.strip()}\n{END}{after}"


def main(argv: list[str]) -> None:
    out, document = Path(argv[0]), Path(argv[1])
    results = json.loads((out / "inprocess.json").read_text())
    sign_in_file = out / "sign_in.json"
    sign_ins = json.loads(sign_in_file.read_text()) if sign_in_file.exists() else None
    alone_file = out / "http_alone.json"
    alone = json.loads(alone_file.read_text()) if alone_file.exists() else None
    text = render(results, read_load(out / "load_stats.csv"), sign_ins, alone)
    print(text)
    document.write_text(replace_between_markers(document.read_text(), text))
    print(f"Written into {document} between {START} and {END}.")


if __name__ == "__main__":
    main(sys.argv[1:])
