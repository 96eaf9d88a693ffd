"""The wheel works anywhere: built from a clean copy of the checkout, installed with the locked dependencies into a
fresh virtual environment outside it, then `peelgraph parse`, `peelgraph load` into the test Neo4j, the analysis
library through `peelgraph cypher` and a GraphQL request to `peelgraph serve`, all run from a folder that has
nothing of the checkout in it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from peelgraph.settings import Settings
from tests.checkout import PROJECT_ROOT
from tests.conftest import BIN, TEST_ENVIRONMENT, free_port
from tests.graphstate import snapshot
from tests.loaders.test_compiled import COMPILED_IN_USE

REPORT = "peel-2015-effectiveness-cambridgeshire.txt"
GENERIC_NAMES = {"schema", "graph", "loaders", "server", "cypher", "data", "web", "tests", "bench"}


def clean_copy(destination: Path) -> Path:
    """The files git tracks, as they are in the working tree (what a fresh clone of this state holds), plus the
    web build, which `make setup` makes and the wheel carries."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout
    for name in tracked.decode().split("\0"):
        source = PROJECT_ROOT / name
        if not name or not (source.exists() or source.is_symlink()):
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    dist = PROJECT_ROOT / "web" / "dist"
    if not (dist / "index.html").is_file():
        pytest.fail("web/dist is missing: run `make setup` (or `cd web && npm ci && npm run build`)")
    shutil.copytree(dist, destination / "web" / "dist")
    return destination


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = clean_copy(tmp_path_factory.mktemp("checkout"))
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out, source], cwd=out)
    (built,) = out.glob("peelgraph-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the locked dependencies and the wheel; its `bin` folder."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv)
    python = venv / "bin" / "python"
    uv = BIN / "uv"
    run([uv, "pip", "install", "--quiet", "--python", python, "--require-hashes", "--no-deps",
         "-r", PROJECT_ROOT / "requirements.lock"], cwd=venv)
    run([uv, "pip", "install", "--quiet", "--python", python, "--no-deps", wheel], cwd=venv)
    return venv / "bin"


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder outside the checkout, holding only a copy of one report."""
    folder = tmp_path_factory.mktemp("elsewhere")
    shutil.copy(PROJECT_ROOT / "data" / "reports" / REPORT, folder / REPORT)
    return folder


def user_environment() -> dict[str, str]:
    """The test Neo4j's settings (its managed instance's folder named, as a user's configuration would) and no
    path into the checkout's code."""
    keep = {name: value for name, value in os.environ.items() if not name.startswith(("PYTHON", "VIRTUAL_ENV"))}
    keep["PATH"] = os.pathsep.join(part for part in keep.get("PATH", "").split(os.pathsep)
                                   if not part.startswith(str(PROJECT_ROOT)))
    return {**keep, **TEST_ENVIRONMENT, "PEELGRAPH_NEO4J_DIR": str(Settings().neo4j_dir)}


def test_the_wheel_holds_one_package_and_its_files(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"peelgraph"}
    assert not GENERIC_NAMES & top_level
    carried = (
        "server.py", "graph/write/writer.py", "schema/api.py", "loaders/report.py", "cypher/schema.cypher",
        "cypher/read/ping.cypher", "cypher/analysis/rocu_grades.cypher", "data/reference/forces.csv",
        f"data/reports/{REPORT}", "web/index.html", "web/playground.html", "web/explorer-operations.json",
        "examples.graphql", "pom.xml",
    )
    assert [name for name in carried if f"peelgraph/{name}" not in names] == []


def test_parse_from_the_wheel(installed: Path, elsewhere: Path) -> None:
    result = run([installed / "peelgraph", "parse", REPORT], cwd=elsewhere, env=user_environment())
    assert result.stdout.startswith("PEEL: Police effectiveness 2015")
    assert "(cambridgeshire)" in result.stdout.splitlines()[0]
    checkout = run([BIN / "peelgraph", "parse", PROJECT_ROOT / "data" / "reports" / REPORT], cwd=PROJECT_ROOT)
    assert result.stdout == checkout.stdout


def test_the_wheel_carries_the_parser_compiled(wheel: Path, installed: Path, elsewhere: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.startswith("peelgraph/loaders/parser_") and name.endswith(".so") for name in names)
    result = run([installed / "python", "-c", COMPILED_IN_USE], cwd=elsewhere, env=user_environment())
    assert result.stdout.strip() == "True"


def test_without_a_c_compiler_the_wheel_is_plain_python(tmp_path: Path) -> None:
    """Built where there is no C compiler and nothing but pip (not even the PDF reader's pdfminer.six, which the
    compiled modules import), the wheel still builds, as plain Python."""
    source = clean_copy(tmp_path / "checkout")
    bare = tmp_path / "bare"
    run([sys.executable, "-m", "venv", bare], cwd=tmp_path)
    out = tmp_path / "wheel"
    build = [bare / "bin" / "python", "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out, source]
    run(build, cwd=tmp_path, env={**os.environ, "CC": "false"})
    (built,) = out.glob("peelgraph-*.whl")
    names = zipfile.ZipFile(built).namelist()
    assert "peelgraph/loaders/report.py" in names
    assert [name for name in names if name.endswith(".so")] == []


def test_load_from_the_wheel_writes_what_the_checkout_writes(
    installed: Path, elsewhere: Path, loaded_graph: Driver
) -> None:
    before = snapshot(loaded_graph)
    result = run([installed / "peelgraph", "load"], cwd=elsewhere, env=user_environment())
    assert "already there" in result.stdout
    assert snapshot(loaded_graph) == before


def test_the_analysis_library_from_the_wheel(installed: Path, elsewhere: Path, loaded_graph: Driver) -> None:
    result = run([installed / "peelgraph", "cypher", "analysis/rocu_grades.cypher", "--json", "-p", "rocu=ersou",
                  "-p", "pillar=effectiveness", "-p", "year=2016"], cwd=elsewhere, env=user_environment())
    grades = {row["force"]: row["grade"] for row in map(json.loads, result.stdout.splitlines())}
    assert grades["Cambridgeshire Constabulary"] == "Good"


def test_the_allowlist_from_the_wheel(installed: Path, elsewhere: Path) -> None:
    result = run([installed / "peelgraph", "allowlist"], cwd=elsewhere, env=user_environment())
    names = {operation["name"] for operation in json.loads(result.stdout)["operations"]}
    assert {"Cambridgeshire", "ForceNetwork", "Compare"} <= names


@pytest.fixture(scope="module")
def served_from_the_wheel(installed: Path, elsewhere: Path, loaded_graph: Driver) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([installed / "peelgraph", "serve", "--port", str(port)], cwd=elsewhere,
                               env=user_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                pytest.fail(f"peelgraph serve (from the wheel) did not come up:\n{output}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_graphql_from_the_wheel(served_from_the_wheel: str) -> None:
    query = '{ force(id: "cambridgeshire") { name reports { title } } }'
    answer = httpx.post(f"{served_from_the_wheel}/graphql", json={"query": query}, timeout=30).json()
    assert "errors" not in answer, answer
    force = answer["data"]["force"]
    assert force["name"] == "Cambridgeshire Constabulary"
    titles = [report["title"] for report in force["reports"]]
    assert "PEEL: Police effectiveness 2015 \N{EN DASH} Cambridgeshire Constabulary" in titles


def test_pages_from_the_wheel(served_from_the_wheel: str) -> None:
    explorer = httpx.get(f"{served_from_the_wheel}/", timeout=10)
    assert explorer.status_code == 200 and "not built" not in explorer.text
    playground = httpx.get(f"{served_from_the_wheel}/graphql", headers={"accept": "text/html"}, timeout=10)
    assert playground.status_code == 200 and "peelgraph-examples" in playground.text
    assert "not built" not in playground.text
