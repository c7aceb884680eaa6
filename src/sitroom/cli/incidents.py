"""``sitroom incidents``: merge reports of the same incident across articles."""
from __future__ import annotations

import json
import sys

import click

from sitroom.cli import exits
from sitroom.cli.ingest import db_option
from sitroom.cli.terminal import add_id_column, add_text_column, clean, console, row, table, text
from sitroom.errors import MalformedRecord, NotFound


@click.command()
@click.option("--input", "input_path", type=click.Path(allow_dash=True),
              help="`sitroom extract` output (JSONL records): build incidents without a database.")
@click.option("--output", "output_path", type=click.Path(allow_dash=True),
              help="Where to write incidents, one JSON line each (default: stdout).")
@click.option("--articles", type=click.Path(),
              help="The extract input (JSONL with text): compares article texts, not only their names.")
@db_option
@click.option("--show", "show_id", metavar="ID", help="Print one incident (I12 or 12) with its reports and claims.")
@click.option("--rebuild", is_flag=True, help="With --db: re-cluster every stored article from scratch.")
@click.option("--window", type=click.IntRange(0), default=None, help="Days two reports' dates may differ [3].")
@click.option("--radius", type=click.FloatRange(0), default=None, help="Km two reports' places may differ [50].")
@click.option("--threshold", type=click.FloatRange(0), default=None, help="Score a report needs to join [0.2].")
def incidents(input_path, output_path, articles, db_url, show_id, rebuild, window, radius, threshold):
    """Merge events that report the same incident: compatible type, dates within a
    window, nearby or containing places, shared actors, similar articles. Each line
    lists the documents and events of one incident, its type, date and place, every
    report's evidence, and the figures ("claims") each source gave, over time.

    \b
    Without a database (the JSONL records of `sitroom extract`):
      sitroom extract --input in.jsonl --output out.jsonl
      sitroom incidents --input out.jsonl --output incidents.jsonl --articles in.jsonl
      sitroom incidents --input out.jsonl --show I3
    With a store kept up to date by `sitroom ingest`:
      sitroom incidents --db store.sqlite --output incidents.jsonl
      sitroom incidents --db store.sqlite --show 12
      sitroom incidents --db store.sqlite --rebuild
    """
    from sitroom.incidents import MatchConfig

    overrides = {k: v for k, v in (("window_days", window), ("radius_km", radius), ("threshold", threshold))
                 if v is not None}
    wanted = _label(show_id) if show_id else None
    if input_path:
        if db_url is not None or rebuild:
            raise click.UsageError("--input works without a database: give --input or --db, not both")
        return _from_records(input_path, output_path, articles, wanted, MatchConfig(**overrides))
    if db_url is None and not (show_id or rebuild or output_path):
        raise click.UsageError("give --input OUT.jsonl (extract output), or --db URL (a store)")
    if articles:
        raise click.UsageError("--articles goes with --input (a store keeps the article texts)")
    return _from_store(db_url, output_path, wanted, rebuild, MatchConfig(**overrides))


def _read_jsonl(path: str):
    from sitroom.cli.files import require_file

    stream = sys.stdin if path == "-" else open(require_file(path), encoding="utf-8-sig")
    try:
        for lineno, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecord(f"{path}:{lineno} is not a JSON line ({exc.msg}); give the JSONL output "
                                      "of `sitroom extract`") from exc
    finally:
        if stream is not sys.stdin:
            stream.close()


def _from_records(input_path, output_path, articles, wanted, config) -> int:
    from sitroom.cli.files import output, refuse_overwrite
    from sitroom.incidents import build_incidents, incident_to_dict

    refuse_overwrite(output_path, [("input", input_path), ("articles file", articles)])
    texts = None
    if articles:
        texts = {str(r.get("id")): r["text"] for r in _read_jsonl(articles)
                 if isinstance(r, dict) and isinstance(r.get("text"), str)}
    built = build_incidents((r for r in _read_jsonl(input_path) if isinstance(r, dict)), texts=texts,
                            config=config)
    lines = [incident_to_dict(inc, f"I{n}") for n, inc in enumerate(built, 1)]
    if wanted:
        found = next((x for x in lines if x["id"] == wanted), None)
        if found is None:
            raise NotFound(f"no incident {wanted} in {input_path} (it has I1 to I{len(lines)})" if lines
                           else f"no incident {wanted}: {input_path} has no incidents")
        print_incident(found)
        if not output_path:
            return exits.OK
    with output(output_path) as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
    click.echo(f"incidents: {len(lines):,} incidents from "
               f"{len({d for x in lines for d in x['documents']}):,} documents", err=True)
    return exits.OK


def _from_store(db_url, output_path, wanted, rebuild, config) -> int:
    from sitroom.cli.files import open_store, output, refuse_overwrite
    from sitroom.store import read
    from sitroom.store.export import write_incidents_jsonl

    refuse_overwrite(output_path, db_url=db_url, check_store=True)
    with open_store(db_url, config=config) as store:
        if rebuild:
            n = store.rebuild_incidents()
            click.echo(f"incidents: rebuilt {n:,} incidents", err=True)
        if wanted:
            with store.engine.connect() as conn:
                found = read.incident(conn, int(wanted[1:]))
                count = len(read.incident_ids(conn)) if found is None else 0
            if found is None:
                raise NotFound(f"no incident {wanted} in the store (it holds {count:,}; "
                               "`sitroom query --incidents` lists them)")
            print_incident(found)
        if output_path or not (wanted or rebuild):
            with store.engine.connect() as conn, output(output_path) as out:
                n = write_incidents_jsonl(conn, out)
            click.echo(f"incidents: {n:,} incidents", err=True)
    return exits.OK


def _label(value: str) -> str:
    v = value.strip().upper()
    if v.startswith("I"):
        v = v[1:]
    if not v.isdigit() or len(v) > 18:
        raise click.BadParameter(f"{value!r} is not an incident id (I12 or 12)", param_hint="--show")
    return f"I{int(v)}"


def print_incident(inc: dict) -> None:
    """A readable view of one incident: what, when, where, who reported it, the claims."""
    out = console()
    place = inc.get("place") or {}
    where = (f"{clean(place.get('name'))} ({place.get('lat'):.2f}, {place.get('lon'):.2f})"
             if place and place.get("lat") is not None else "place unknown")
    acled = inc.get("acled") or {}
    kind = inc.get("plover") or acled.get("event_type") or "(no event type: grouped by text)"
    head = text(inc["id"], "bold")
    head.append(f"  {clean(kind)}  {clean(inc.get('date') or 'date unknown')}  {where}  "
                f"{len(inc['documents'])} documents, {len(inc['events'])} events")
    out.print(head)
    t = table("reports")
    reports = inc.get("reports", [])
    add_id_column(t, "document", [r["document"] for r in reports])
    add_id_column(t, "event", [r.get("event") or "-" for r in reports])
    add_text_column(t, "trigger", ratio=1)
    t.add_column("published", no_wrap=True)
    t.add_column("score", justify="right")
    add_text_column(t, "evidence", ratio=3)
    for r in reports:
        ev = r.get("evidence") or {}
        why = "first report" if ev.get("new") else " ".join(f"{k}={v}" for k, v in ev.items() if k != "score")
        t.add_row(*row(r["document"], r.get("event") or "-", r.get("trigger") or "",
                       str(r.get("published") or "")[:10], f"{r.get('score', 0):.2f}", why))
    out.print(t)
    claims = inc.get("claims") or {}
    if claims:
        out.print(text("claims (marks: latest, highest, disputed)", "bold"))
        for block in claims.values():
            out.print(text("  " + block["summary"]))
