"""The `peelgraph` command: a thin layer over loaders/, graph/ and the managed Neo4j."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from peelgraph import neo4j_server
from peelgraph.graph.errors import GraphError
from peelgraph.loaders.errors import InputError
from peelgraph.settings import Settings, get_settings

app = typer.Typer(
    help="Ask relationship questions of police inspection (HMIC PEEL) reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
neo4j_app = typer.Typer(help="Install and run the project's own Neo4j on loopback.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")

err = Console(stderr=True)
KEEP_ALIVE_S = 75
"""Seconds `peelgraph serve` keeps an idle HTTP connection open."""
T = TypeVar("T")

EXPECTED_ERRORS = (InputError, GraphError, neo4j_server.ManagedNeo4jError)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Expected failures become one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except EXPECTED_ERRORS as error:
        err.print(f"[bold red]error:[/] {error}", markup=True, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def warn(warnings: Iterable[str]) -> None:
    """Each warning as one line on stderr: `warning: FILE:LINE: expected ...`."""
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {warning}", markup=True, highlight=False, soft_wrap=True)


def run(action: Callable[[], T]) -> T:
    with one_line_errors():
        return action()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on [default: PEELGRAPH_HOST]")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [default: PEELGRAPH_PORT]")] = None,
    workers: Annotated[int | None, typer.Option(help="uvicorn worker processes [default: PEELGRAPH_WORKERS]")] = None,
) -> None:
    """Serve the GraphQL API, GraphiQL and the explorer with uvicorn.

    Example: peelgraph serve --port 8000 --workers 2
    """
    import uvicorn

    from peelgraph.http.persisted_queries import PersistedQueries

    settings = get_settings()
    run(lambda: PersistedQueries.from_settings(settings))  # a missing or broken allow-list: one line, not a traceback
    uvicorn.run(
        "peelgraph.server:app",
        host=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.workers,
        log_level="debug" if settings.debug else "info",
        access_log=settings.debug,
        proxy_headers=False,
        server_header=False,
        # Longer than clients and proxies keep an idle connection (httpx 5 s, nginx and load balancers 60 s):
        # with uvicorn's 5 s, the server could close a connection just as a client sent on it again.
        timeout_keep_alive=KEEP_ALIVE_S,
    )


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A PEEL report: its PDF, or text extracted from it")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole document as JSON")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse (exit 2) what would be a warning")] = False,
) -> None:
    """Parse a report and print what was read from it; what could be read only loosely is a warning on stderr.

    Example: peelgraph parse data/reports/peel-2015-effectiveness-cambridgeshire.txt --json
    Example: peelgraph parse peel-2015-effectiveness-cambridgeshire.pdf
    """
    from peelgraph.loaders.report import read_report

    max_bytes = get_settings().max_input_bytes
    document = run(lambda: read_report(file, strict=strict, max_bytes=max_bytes))
    warn(warning.located(document.report.source) for warning in document.warnings)
    if as_json:
        sys.stdout.write(json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    typer.echo(f"{document.report.title} ({document.force.id})")
    typer.echo(f"  overall: {document.overall.grade}")
    for question in document.questions:
        typer.echo(f"  {question.number}. {question.grade}: {question.title}")
    partners = sum(entity.about_the_force for entity in document.organisations)
    used = sum(entity.about_the_force for entity in document.schemes)
    typer.echo(
        f"  {len(document.organisations)} organisations ({partners} partners), "
        f"{len(document.schemes)} schemes ({used} used), "
        f"{len(document.metrics)} metrics, "
        f"{sum(len(q.areas_for_improvement) for q in document.questions)} areas for improvement"
    )


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A PEEL report's PDF")],
) -> None:
    """Print the text `parse` and `load` read from a PDF: pages separated by form feeds, footnotes under a rule.

    The line numbers in the parser's warnings and errors for a PDF are lines of this text.

    Example: peelgraph extract report.pdf > report.txt
    """
    from peelgraph.loaders.report import read_text

    sys.stdout.write(run(lambda: read_text(file, get_settings().max_input_bytes)))


@app.command()
def load(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Reports (PDF or extracted text); none loads the bundled data")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse (exit 2, nothing written) what would be a parser warning")
    ] = False,
    reference: Annotated[
        Path | None,
        typer.Option("--reference", help="Folder of reference tables to load instead of the bundled ones"),
    ] = None,
) -> None:
    """Load reports (and, with no files, the reference tables and bundled reports) into Neo4j.

    Every input is read and checked before anything is written; each report is one transaction, and
    loading the same inputs again changes nothing. What the parser could read only loosely is a warning
    on stderr; with --strict, an error. Tables that disagree (a question-0 grade unlike the pillar grade
    for the same force, year and pillar) are refused with the rows named.

    Example: peelgraph load --strict data/reports/peel-2015-effectiveness-cambridgeshire.txt
    Example: peelgraph load downloads/*.pdf
    Example: peelgraph load --reference my-tables/
    """
    from peelgraph import pipeline
    from peelgraph.graph.connection import open_driver
    from peelgraph.graph.write.writer import GraphWriter, counts

    settings = get_settings()
    paths = list(files or [])
    with one_line_errors(), progress_bar(len(paths) or len(pipeline.bundled_reports())) as advance:
        load_plan = pipeline.plan(paths, advance, reference or pipeline.REFERENCE_DIR, strict=strict,
                                  max_bytes=settings.max_input_bytes)
        warn(load_plan.warnings)
        with open_driver(settings) as driver:
            before = counts(driver, settings)
            writer = GraphWriter(driver, settings)
            summary = pipeline.execute(load_plan, writer, advance)
            after = counts(driver, settings)
    typer.echo(
        f"loaded {summary.reports_written} report(s), {summary.reports_unchanged} already there"
        f"{' + reference tables' if load_plan.reference else ''}: "
        f"created {summary.nodes_created} nodes and {summary.relationships_created} relationships; "
        f"graph now {after[0]} nodes (was {before[0]}), {after[1]} relationships (was {before[1]})"
    )


@app.command()
def cypher(
    query: Annotated[str, typer.Argument(help="Cypher text, or a .cypher file (e.g. cypher/analysis/...)")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value (JSON or text)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per row")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="CSV with a header row (RFC 4180; lists and maps as JSON in a cell)")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds before Neo4j cancels the query")] = 10.0,
    max_rows: Annotated[int, typer.Option(help="Stop after this many rows")] = 1000,
) -> None:
    """Run read-only Cypher: anything whose plan writes is refused (exit 2) before it runs.

    Example: peelgraph cypher analysis/rocu_grades.cypher -p rocu=ersou -p pillar=effectiveness -p year=2016
    Example: peelgraph cypher analysis/force_partners.cypher -p forceId=cambridgeshire --csv > partners.csv
    """
    if as_json and as_csv:
        err.print("[bold red]error:[/] --json and --csv: expected one of them")
        raise typer.Exit(2)
    from peelgraph.graph.connection import open_driver
    from peelgraph.graph.read.ad_hoc import run_read_only

    settings = get_settings()
    text = _query_text(query, settings.max_input_bytes)
    parameters = dict(_parameter(item) for item in param or [])
    with one_line_errors(), open_driver(settings) as driver:
        result = run_read_only(driver, settings, text, parameters, timeout=timeout, max_rows=max_rows)
    if as_json:
        for row in result.rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif as_csv:
        from peelgraph.export import write_table

        write_table(sys.stdout, result.columns, result.rows)
    else:
        _print_table(result.columns, result.rows)
    if result.truncated:
        err.print(f"(stopped at {max_rows} rows; raise --max-rows for more)")


class ExportFormat(StrEnum):
    graphml = "graphml"
    csv = "csv"


@app.command()
def export(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="GraphML: a file ('-': standard output); CSV: a folder")
    ],
    file_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="graphml or csv")] = ExportFormat.graphml,
    node: Annotated[
        list[str] | None,
        typer.Option("--node", "-n", help="Only the neighbourhood of this node: its id, or Label:id (repeatable)"),
    ] = None,
    depth: Annotated[int, typer.Option(min=0, help="Steps out from --node")] = 1,
    timeout: Annotated[float, typer.Option(help="Seconds before Neo4j cancels the reading")] = 300.0,
) -> None:
    """Export the graph, or the neighbourhood of some nodes, as GraphML (Gephi, networkx) or CSV node and edge lists.

    Nodes are keyed `Label:id` (Force:cambridgeshire); labels and properties are kept, lists and maps as JSON.
    Read in one READ transaction; written whole or not at all.

    Example: peelgraph export --format graphml -o peel.graphml
    Example: peelgraph export --node Force:cambridgeshire --depth 2 --format csv -o cambridgeshire/
    """
    from peelgraph.export import write_csv_lists, write_graphml
    from peelgraph.graph.connection import open_driver
    from peelgraph.graph.read.network import read_network

    settings = get_settings()
    with one_line_errors(), open_driver(settings) as driver, export_progress() as progress:
        network = read_network(driver, settings, node or (), depth, progress, timeout)
    try:
        if file_format is ExportFormat.graphml:
            write_graphml(network, None if str(output) == "-" else output)
            written = "standard output" if str(output) == "-" else str(output)
        else:
            nodes_path, relationships_path = write_csv_lists(network, output)
            written = f"{nodes_path} and {relationships_path}"
    except OSError as error:
        expected = "a folder to write nodes.csv and relationships.csv in" if file_format is ExportFormat.csv else (
            "a file in an existing folder")
        err.print(f"[bold red]error:[/] {output}: expected {expected} ({error.strerror or error})",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(f"exported {len(network.nodes)} nodes and {len(network.relationships)} relationships to {written}",
              highlight=False, soft_wrap=True)


@app.command()
def allowlist(
    files: Annotated[list[Path] | None, typer.Argument(help="More GraphQL documents to list (an app's own)")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The manifest ('-': standard output)")] = Path("-"),
) -> None:
    """Write the allow-list of operations an operator may restrict the API to: the playground's examples, the
    Explorer's queries and the operations of FILES, as an Apollo persisted query manifest (JSON).

    Serve with PEELGRAPH_PERSISTED_QUERIES=<the file> (their hashes then work in every worker) and
    PEELGRAPH_ARBITRARY_QUERIES=false (nothing else runs). See docs/security.md.

    Example: peelgraph allowlist -o allowlist.json
    Example: peelgraph allowlist app/src/queries.graphql -o allowlist.json
    """
    from peelgraph.http.allowlist import bundled_operations, manifest, operations
    from peelgraph.loaders.files import read_text

    max_bytes = get_settings().max_input_bytes

    def listed() -> dict[str, Any]:
        own = [operation for path in files or () for operation in operations(read_text(path, max_bytes, "GraphQL"),
                                                                             str(path))]
        return manifest([*bundled_operations(), *own])

    written = json.dumps(run(listed), ensure_ascii=False, indent=2) + "\n"
    if str(output) == "-":
        sys.stdout.write(written)
        return
    try:
        output.write_text(written, encoding="utf-8")
    except OSError as error:
        err.print(f"[bold red]error:[/] {output}: expected a file in an existing folder ({error.strerror or error})",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    err.print(f"listed {len(json.loads(written)['operations'])} operations in {output}", highlight=False,
              soft_wrap=True)


@contextmanager
def export_progress() -> Iterator[RichExportProgress | None]:
    """A progress bar on stderr when it is a terminal; else none."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not err.is_terminal:
        yield None
        return
    with Progress(TextColumn("reading {task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        yield RichExportProgress(bar)


class RichExportProgress:
    """graph.network's progress on a rich bar: one task for the nodes, one for the relationships."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.task: Any = None

    def start(self, description: str, total: int | None) -> None:
        self.task = self.bar.add_task(description, total=total)

    def advance(self, count: int) -> None:
        self.bar.update(self.task, advance=count)


def _query_text(query: str, max_bytes: int) -> str:
    """The text of a query given as Cypher, as a .cypher file, or as a file of the installed library
    (`cypher/analysis/rocu_grades.cypher` or `analysis/rocu_grades.cypher` works from any folder)."""
    if not query.endswith(".cypher"):
        return query
    from peelgraph.graph.statements import CYPHER_DIR
    from peelgraph.loaders.files import read_text

    bundled = CYPHER_DIR / query.removeprefix("cypher/")
    path = Path(query) if Path(query).is_file() or not bundled.is_file() else bundled
    return run(lambda: read_text(path, max_bytes, "Cypher"))


def _parameter(item: str) -> tuple[str, object]:
    name, sep, raw = item.partition("=")
    if not sep or not name.isidentifier():
        err.print(f"[bold red]error:[/] --param {item!r}: expected name=value")
        raise typer.Exit(2)
    try:
        return name, json.loads(raw)
    except json.JSONDecodeError:
        return name, raw


def _print_table(columns: tuple[str, ...], rows: tuple[dict[str, object], ...]) -> None:
    from rich.table import Table

    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*(_cell(row[column]) for column in columns))
    Console().print(table)
    err.print(f"{len(rows)} row(s)")


def _cell(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[str], None]]:
    """A rich progress bar on stderr when it is a terminal and there is more than one file; else silent."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if total <= 1 or not err.is_terminal:
        yield lambda _: None
        return
    # Each report is read, then written (two steps each), plus the reference tables.
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("loading", total=2 * total + 1)
        yield lambda description: bar.update(task, advance=1, description=description)


@neo4j_app.command("install")
def neo4j_install(
    force: Annotated[bool, typer.Option(help="Resolve and copy the jars again")] = False,
    update: Annotated[
        bool, typer.Option(help="First move pom.xml's pins to the newest Neo4j 5.26.x and Browser 5.x")
    ] = False,
) -> None:
    """Resolve the Neo4j Community 5.26 LTS and Neo4j Browser that pom.xml pins, and the APOC Core that
    pom-apoc.xml pins, from Maven Central.

    APOC goes into its own folder; `peelgraph neo4j start` puts it in the instance's plugins and loads only
    its read-only procedures and functions.

    Example: peelgraph neo4j install
    Example: peelgraph neo4j install --update
    """
    settings = get_settings()
    if update:
        with err.status("Looking for the newest Neo4j 5.26.x and Neo4j Browser 5.x on Maven Central..."):
            pins = run(neo4j_server.update_pins)
        typer.echo("pom.xml now pins " + ", ".join(f"{name} {version}" for name, version in pins.items()))
    with err.status("Resolving Neo4j and APOC from Maven Central (about 145 MB the first time)..."):
        version = run(lambda: neo4j_server.install(settings, force=force))
    typer.echo(f"Neo4j {version} installed in {neo4j_server.lib_dir(settings)}; "
               f"APOC Core {neo4j_server.installed_apoc(settings)} in {neo4j_server.apoc_dir(settings)}")


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start the managed Neo4j on loopback and wait until Bolt answers.

    Example: peelgraph neo4j start
    """
    settings = get_settings()
    if not settings.neo4j_is_local:
        typer.echo(f"NEO4J_URI is {settings.neo4j_uri_for_display}: using that server, nothing to start")
        return
    with err.status(f"Starting Neo4j ({settings.neo4j_instance}) on {settings.neo4j_uri_for_display}..."):
        state = run(lambda: neo4j_server.start(settings))
    typer.echo(_describe(settings, state))
    if neo4j_server.runs_outdated(settings):
        warn([f"Neo4j ({settings.neo4j_instance}) runs with other settings than these (memory, ports): "
              "`peelgraph neo4j stop`, then `start`, applies them"])
    if neo4j_server.origin_guard(settings) is None:
        warn(["no javac (a Java development kit) to build the Bolt WebSocket origin guard with: any web page "
              "can open a WebSocket to Neo4j's Bolt port (it still needs the password); see docs/security.md"])


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the managed Neo4j cleanly (SIGTERM).

    Example: peelgraph neo4j stop
    """
    settings = get_settings()
    stopped = run(lambda: neo4j_server.stop(settings))
    typer.echo(f"Neo4j ({settings.neo4j_instance}) {'stopped' if stopped else 'was not running'}")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the managed Neo4j is installed, running and answering; exit 1 when it is not.

    Example: peelgraph neo4j status
    """
    settings = get_settings()
    state = neo4j_server.status(settings)
    typer.echo(_describe(settings, state))
    if not state.bolt_answering:
        raise typer.Exit(1)


def _describe(settings: Settings, state: neo4j_server.Status) -> str:
    version = state.installed_version or "not installed"
    where = f"bolt {settings.neo4j_uri_for_display}, browser http://127.0.0.1:{settings.neo4j_http_port}/browser/"
    pid = f", pid {state.pid}" if state.pid else ""
    return f"Neo4j {version} ({settings.neo4j_instance}): {state.detail}{pid}; {where}"


def main() -> None:
    from peelgraph.graph.connection import quiet_driver_logs

    quiet_driver_logs(get_settings().debug)
    app()
