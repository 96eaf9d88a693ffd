"""A Neo4j Community server the project installs from Maven Central and runs on loopback.

Layout under `settings.neo4j_dir` (default `.neo4j/`, git-ignored):

    lib/               the runtime dependency closure of org.neo4j:neo4j plus neo4j-browser
    lib/VERSION        the Neo4j version those jars are
    <instance>/        one home per instance (`dev` for `make run`, `test` for `make test`), 0700
        password         the password generated on its first start (0600), unless NEO4J_PASSWORD is set
        conf/neo4j.conf  written on every start from the settings
        data/ logs/ run/neo4j.pid plugins/ import/

Bolt over WebSocket is refused to any web page but Neo4j Browser's own (`neo4j_plugin/OriginGuard.java`, an
extension built here with `javac` against the pinned jars: Neo4j has no setting for it).

The password never appears in a process's arguments: AdminTool reads it from a 0600 file (picocli's
`@file`), and an instance made by an older peelgraph with the public `peelgraph-dev` has it replaced over
Bolt on its next `neo4j start`. The HTTP connector serves Neo4j Browser only (no HTTP API), and its CORS
header names its own origin instead of `*`.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from xml.etree import ElementTree

from peelgraph.graph.connection import change_own_password, server_home, wait_until_ready
from peelgraph.graph.errors import GraphUnavailable
from peelgraph.graph.read.ad_hoc import APOC_ALLOWED
from peelgraph.settings import LEGACY_PASSWORD, Settings

POM = Path(str(files("peelgraph") / "pom.xml"))
"""The Maven project naming the Neo4j jars, carried inside the package (the repository's pom.xml)."""
APOC_POM = Path(str(files("peelgraph") / "pom-apoc.xml"))
"""The Maven project naming APOC Core's jars, carried inside the package (the repository's pom-apoc.xml)."""
PLUGINS_MANIFEST = ".peelgraph-plugins"
"""In an instance's plugins/ folder: the jars `start` put there (and takes away again when APOC changes)."""
APOC_CONFIG = {
    # APOC's file and URL access, off: procedures that could use it are not loaded either (allowlist).
    "apoc.import.file.enabled": "false",
    "apoc.export.file.enabled": "false",
    "apoc.import.file.use_neo4j_config": "true",
    "apoc.trigger.enabled": "false",
}
PINNED_RANGES = {"neo4j.version": "[5.26.0,5.27)", "neo4j-browser.version": "[5.0,6.0)"}
"""What `install --update` may move pom.xml's exact versions to: Neo4j 5.26 LTS patches, Neo4j Browser 5."""
VERSIONS_PLUGIN = "org.codehaus.mojo:versions-maven-plugin:2.18.0"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
ORIGIN_GUARD = Path(str(files("peelgraph") / "neo4j_plugin" / "OriginGuard.java"))
ORIGIN_GUARD_CLASS = "org.peelgraph.neo4j.OriginGuard"
ALLOWED_ORIGINS_PROPERTY = "peelgraph.bolt.allowed_origins"
PRIVATE = 0o077
"""The umask of what the managed Neo4j writes: its store, logs and `auth.ini` are its owner's alone."""


class ManagedNeo4jError(Exception):
    """Installing, starting or stopping the managed server failed; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Status:
    installed_version: str | None
    pid: int | None
    bolt_answering: bool
    detail: str


def lib_dir(settings: Settings) -> Path:
    return settings.neo4j_dir / "lib"


def installed_version(settings: Settings) -> str | None:
    marker = lib_dir(settings) / "VERSION"
    return marker.read_text().strip() if marker.exists() else None


def apoc_dir(settings: Settings) -> Path:
    return settings.neo4j_dir / "apoc"


def installed_apoc(settings: Settings) -> str | None:
    marker = apoc_dir(settings) / "VERSION"
    return marker.read_text().strip() if marker.exists() else None


def install(settings: Settings, force: bool = False) -> str:
    """Resolve the Neo4j and Neo4j Browser that pom.xml pins with Maven into `lib/`, and the APOC Core that
    pom-apoc.xml pins into `apoc/`; return the Neo4j version.

    Idempotent: an install of the pinned version is kept unless `force`. The jars are copied into a
    temporary folder first, so an interrupted install never leaves a half-filled `lib/` or `apoc/`.
    """
    current = installed_version(settings)
    if not current or current != pinned_versions().get("neo4j.version") or force:
        current = _resolve(settings, POM, lib_dir(settings), _neo4j_version)
    install_apoc(settings, force=force)
    return current


def install_apoc(settings: Settings, force: bool = False) -> str:
    """Resolve APOC Core into `apoc/` (not `lib/`: only instances started with it in their plugins folder load
    it), with those of its dependencies Neo4j does not ship; return its version."""
    current = installed_apoc(settings)
    if current and not force:
        return current
    shipped = {_artifact(jar.name) for jar in lib_dir(settings).glob("*.jar")}
    return _resolve(settings, APOC_POM, apoc_dir(settings), _apoc_version, drop=shipped)


def _resolve(
    settings: Settings, pom: Path, target: Path, version_of: Callable[[Path], str], drop: Collection[str] = ()
) -> str:
    """Copy the runtime dependencies `pom` names into `target` (replacing it whole) and return their version."""
    java_command()
    settings.neo4j_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=settings.neo4j_dir))
    try:
        _maven(pom, "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={staging}")
        for jar in staging.glob("*.jar"):
            if _artifact(jar.name) in drop:
                jar.unlink()
        version = version_of(staging)
        (staging / "VERSION").write_text(version + "\n")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
        return version
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _artifact(jar_name: str) -> str:
    """`commons-text-1.12.0.jar` -> `commons-text`."""
    return re.sub(r"-\d[^-]*(?:-[A-Za-z]+)?\.jar$", "", jar_name)


def update_pins(pom: Path = POM) -> dict[str, str]:
    """Move the pom's exact versions to the newest Maven Central has within `PINNED_RANGES`; return them."""
    for name, allowed in PINNED_RANGES.items():
        _maven(pom, f"{VERSIONS_PLUGIN}:update-property", f"-Dproperty={name}", f"-DnewVersion={allowed}",
               "-DgenerateBackupPoms=false")
    return pinned_versions(pom)


def pinned_versions(pom: Path = POM) -> dict[str, str]:
    """The pom's `<properties>`: `neo4j.version` and `neo4j-browser.version`."""
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    properties = ElementTree.parse(pom).getroot().find("m:properties", namespace)
    if properties is None:
        return {}
    return {element.tag.split("}", 1)[-1]: (element.text or "").strip() for element in properties}


def _maven(pom: Path, *arguments: str) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ManagedNeo4jError("Maven (mvn) is not on PATH; install it (Debian: apt-get install maven)")
    completed = subprocess.run([mvn, "-B", "-q", "-f", str(pom), *arguments], capture_output=True, text=True,
                               check=False)
    if completed.returncode != 0:
        errors = [line for line in completed.stdout.splitlines() if "ERROR" in line][:3]
        raise ManagedNeo4jError(
            f"Maven could not resolve {pom.name} from Maven Central: "
            + (" | ".join(errors) or completed.stderr.strip())
        )


def start(settings: Settings, timeout: float = START_TIMEOUT_S) -> Status:
    """Start the instance on loopback and wait until Bolt answers with the configured credentials."""
    _require_local(settings)
    current = status(settings)
    if current.pid is not None and current.bolt_answering:
        _replace_legacy_password(settings)
        if _started_by_this_peelgraph(current.pid):
            return current
        # An older peelgraph started it: HTTP API on, CORS for all, Bolt WebSockets from any page. Restart it.
        stop(settings)
        return start(settings, timeout)
    if current.pid is None and _port_taken(settings.bolt_host, settings.bolt_port):
        raise ManagedNeo4jError(
            f"port {settings.bolt_port} is already taken by a process peelgraph did not start; "
            "stop it, or point NEO4J_URI at it to use that server instead"
        )
    if current.pid is None:
        if _port_taken("127.0.0.1", settings.neo4j_http_port):
            raise ManagedNeo4jError(
                f"HTTP port {settings.neo4j_http_port} is taken; set PEELGRAPH_NEO4J_HTTP_PORT to a free port"
            )
        _launch(settings)
    pid = _read_pid(settings)
    try:
        wait_until_ready(settings, timeout, is_alive=lambda: pid is not None and _alive(pid))
    except GraphUnavailable as error:
        log_tail = _log_tail(settings)
        raise ManagedNeo4jError(f"Neo4j did not become ready: {error}. Last log lines:\n{log_tail}") from error
    _replace_legacy_password(settings)
    return status(settings)


def stop(settings: Settings, timeout: float = STOP_TIMEOUT_S) -> bool:
    """SIGTERM the instance and wait for a clean shutdown; return False if it was not running."""
    pid = _read_pid(settings)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    _pid_file(settings).unlink(missing_ok=True)
    return True


def status(settings: Settings) -> Status:
    pid = _read_pid(settings)
    answering = False
    detail = "stopped"
    if pid is not None:
        try:
            wait_until_ready(settings, timeout=0)
            answering, detail = True, "running"
        except GraphUnavailable as error:
            detail = f"process {pid} is up but not serving yet ({error})"
    return Status(installed_version(settings), pid, answering, detail)


def runs_outdated(settings: Settings) -> bool:
    """The instance runs with another configuration than these settings write (memory, ports): a restart
    applies it."""
    if _read_pid(settings) is None:
        return False
    try:
        return (settings.neo4j_home / "conf" / "neo4j.conf").read_text() != _config(settings)
    except OSError:
        return False


def _started_by_this_peelgraph(pid: int) -> bool:
    """Whether the process was launched with the origin guard's setting, as this peelgraph launches Neo4j."""
    try:
        return ALLOWED_ORIGINS_PROPERTY.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # not ours to read: leave it as it is


def java_command() -> str:
    """The `java` of JAVA_HOME or PATH, checked to be version 17 or 21 (what Neo4j 5 runs on)."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        raise ManagedNeo4jError("Java is not installed; Neo4j 5 needs Java 17 or 21 (Debian: openjdk-17-jre-headless)")
    banner = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    match = re.search(r'version "(\d+)', banner)
    major = int(match.group(1)) if match else 0
    if major not in (17, 21):
        raise ManagedNeo4jError(f"{java} is Java {major or 'unknown'}; Neo4j 5 needs Java 17 or 21 (set JAVA_HOME)")
    return java


def _launch(settings: Settings) -> None:
    if installed_version(settings) is None:
        install(settings)
    home = settings.neo4j_home
    home.mkdir(parents=True, exist_ok=True)
    # Also for a home made by an older peelgraph with 0755: its store and auth.ini were readable by all.
    home.chmod(0o700)
    for folder in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / folder).mkdir(exist_ok=True)
    _plugins(settings)
    (home / "conf" / "neo4j.conf").write_text(_config(settings))
    (home / "conf" / "apoc.conf").write_text(
        "# Written by `peelgraph neo4j start`; edits are overwritten.\n"
        + "".join(f"{key}={value}\n" for key, value in APOC_CONFIG.items())
    )
    java = java_command()
    guard = origin_guard(settings)
    classpath = ":".join([str(home / "plugins" / "*"), str(home / "conf" / "*"), str(lib_dir(settings) / "*"),
                          *([str(guard)] if guard else [])])
    if not settings.has_store:
        _set_initial_password(settings, java)
    console = (home / "logs" / "console.log").open("ab")
    process = subprocess.Popen(
        [java, f"-Xms{settings.neo4j_heap}", f"-Xmx{settings.neo4j_heap}", *JVM_FLAGS,
         f"-D{ALLOWED_ORIGINS_PROPERTY}={','.join(browser_origins(settings))}", "-cp", classpath,
         ENTRY_POINT, f"--home-dir={home}", f"--config-dir={home / 'conf'}", "--console-mode"],
        stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True, cwd=home, umask=PRIVATE,
    )
    console.close()
    _pid_file(settings).write_text(f"{process.pid}\n")


def _plugins(settings: Settings) -> None:
    """APOC's jars in the instance's own plugins/ folder (resolved first if need be), replacing those put
    there before; other jars in the folder are left alone."""
    if installed_apoc(settings) is None:
        install_apoc(settings)
    plugins = settings.neo4j_home / "plugins"
    manifest = plugins / PLUGINS_MANIFEST
    previous = manifest.read_text().split() if manifest.exists() else []
    for name in previous:
        (plugins / name).unlink(missing_ok=True)
    jars = sorted(apoc_dir(settings).glob("*.jar"))
    for jar in jars:
        shutil.copy2(jar, plugins / jar.name)
    manifest.write_text("".join(f"{jar.name}\n" for jar in jars))


def browser_origins(settings: Settings) -> tuple[str, ...]:
    """The origins of Neo4j Browser's page, the only ones allowed Bolt over WebSocket."""
    return tuple(f"http://{host}:{settings.neo4j_http_port}" for host in ("127.0.0.1", "localhost"))


def origin_guard(settings: Settings) -> Path | None:
    """The jar of `OriginGuard.java` built for the installed Neo4j (built now if it is not yet), or None when
    there is no `javac` to build it with (a Java runtime without its development kit)."""
    version = installed_version(settings)
    digest = hashlib.sha256(ORIGIN_GUARD.read_bytes()).hexdigest()[:12]
    jar = settings.neo4j_dir / "plugins" / f"origin-guard-{version}-{digest}.jar"
    if jar.exists():
        return jar
    javac = _javac()
    if javac is None:
        return None
    jar.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="origin-guard-", dir=jar.parent) as build:
        completed = subprocess.run(
            [javac, "-nowarn", "-d", build, "-cp", str(lib_dir(settings) / "*"), str(ORIGIN_GUARD)],
            capture_output=True, text=True, check=False,
        )
        if completed.returncode != 0:
            raise ManagedNeo4jError(f"building {ORIGIN_GUARD.name} against Neo4j {version} failed: "
                                    f"{completed.stderr.strip().splitlines()[0] if completed.stderr else ''}")
        staging = Path(build) / jar.name
        with zipfile.ZipFile(staging, "w") as archive:
            archive.writestr("META-INF/services/org.neo4j.kernel.extension.ExtensionFactory", ORIGIN_GUARD_CLASS + "\n")
            for compiled in sorted(Path(build).rglob("*.class")):
                archive.write(compiled, compiled.relative_to(build).as_posix())
        staging.replace(jar)
    return jar


def _javac() -> str | None:
    home = os.environ.get("JAVA_HOME")
    javac = str(Path(home) / "bin" / "javac") if home else shutil.which("javac")
    return javac if javac and Path(javac).exists() else None


def _set_initial_password(settings: Settings, java: str) -> None:
    """Give a new instance its password before its first start: NEO4J_PASSWORD, or one generated and kept in
    the instance's `password` file. AdminTool reads it from a private file named by `@` (picocli expands it),
    so that it never stands in the process list."""
    password = settings.neo4j_password
    if password is None:
        password = settings.neo4j_secret or _keep_secret(settings.password_file, secrets.token_urlsafe(24))
    if len(password) < 8:
        raise ManagedNeo4jError("NEO4J_PASSWORD must be at least 8 characters for the managed Neo4j")
    home = settings.neo4j_home
    arguments = home / "run" / "initial-password.args"
    # `--` first: a password that starts with `-` (one generated in 64 does) is a value, not an option.
    _keep_secret(arguments, "--\n" + _picocli_quoted(password))
    try:
        completed = subprocess.run(
            [java, "-cp", str(lib_dir(settings) / "*"), ADMIN_TOOL, "dbms", "set-initial-password", f"@{arguments}"],
            env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
            capture_output=True, text=True, check=False, umask=PRIVATE,
        )
    finally:
        arguments.unlink(missing_ok=True)
    if completed.returncode != 0:
        reason = completed.stderr.strip() or completed.stdout.strip()
        raise ManagedNeo4jError(f"setting the initial password failed: {reason}")


def _replace_legacy_password(settings: Settings) -> None:
    """An instance made by an older peelgraph has the public password `peelgraph-dev`: give it a generated one,
    kept in its `password` file. Nothing to do when NEO4J_PASSWORD is set (the user chose the password)."""
    if settings.neo4j_password is not None or settings.password_file.exists():
        return
    settings.neo4j_home.chmod(0o700)
    legacy = settings.model_copy(update={"neo4j_password": LEGACY_PASSWORD})
    try:
        answering = Path(server_home(legacy))
    except GraphUnavailable as error:
        raise ManagedNeo4jError(f"could not check the server on {settings.neo4j_uri_for_display}: {error}") from error
    if answering.resolve() != settings.neo4j_home.resolve():
        raise ManagedNeo4jError(
            f"the Neo4j on {settings.neo4j_uri_for_display} is the one in {answering}, not the instance in "
            f"{settings.neo4j_home}: give this instance other ports (NEO4J_URI, PEELGRAPH_NEO4J_HTTP_PORT)"
        )
    new = _keep_secret(settings.password_file, secrets.token_urlsafe(24))
    try:
        change_own_password(legacy, new)
    except GraphUnavailable as error:
        settings.password_file.unlink(missing_ok=True)
        raise ManagedNeo4jError(
            f"could not replace the old default password of the instance {settings.neo4j_instance}: {error}; "
            "if it was made with NEO4J_PASSWORD set, set it again"
        ) from error


def _keep_secret(path: Path, text: str) -> str:
    """Write `text` to `path`, readable and writable by its owner only from the moment it exists."""
    staging = path.with_name(path.name + ".tmp")
    staging.unlink(missing_ok=True)
    descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text + "\n")
        file.flush()
        os.fsync(file.fileno())
    staging.replace(path)
    return text


def _picocli_quoted(argument: str) -> str:
    """One argument as picocli reads it from an `@file`: in double quotes, with `\\` and `"` escaped."""
    return '"' + argument.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _config(settings: Settings) -> str:
    bolt = f"127.0.0.1:{settings.bolt_port}"
    http = f"127.0.0.1:{settings.neo4j_http_port}"
    lines = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": bolt,
        "server.bolt.advertised_address": bolt,
        "server.http.listen_address": http,
        "server.http.advertised_address": http,
        "server.https.enabled": "false",
        # Neo4j Browser only: no HTTP API for a web page to post Cypher to (Browser talks Bolt).
        "server.http_enabled_modules": "BROWSER",
        # Instead of `*`: a browser lets no other origin read an answer or send a request that needs a preflight.
        "dbms.security.http_access_control_allow_origin": f"http://{http}",
        "server.memory.pagecache.size": settings.neo4j_pagecache,
        "dbms.security.auth_enabled": "true",
        # LOAD CSV would otherwise read any file the server's user can (file:///etc/passwd); loads parse in Python.
        "dbms.security.allow_csv_import_from_file_urls": "false",
        "dbms.usage_report.enabled": "false",
        # Only APOC's read-only procedures and functions are loaded: none that writes, nor reads files or URLs.
        "dbms.security.procedures.allowlist": ",".join(APOC_ALLOWED),
        "initial.dbms.default_database": settings.neo4j_database,
    }
    return "# Written by `peelgraph neo4j start` from the settings; edits are overwritten.\n" + "".join(
        f"{key}={value}\n" for key, value in lines.items()
    )


def _apoc_version(folder: Path) -> str:
    return _version_of(folder, "apoc-core", "org.neo4j.procedure:apoc-core")


def _neo4j_version(folder: Path) -> str:
    return _version_of(folder, "neo4j", "org.neo4j:neo4j")


def _version_of(folder: Path, artifact: str, coordinates: str) -> str:
    for jar in folder.glob(f"{artifact}-*.jar"):
        match = re.fullmatch(rf"{re.escape(artifact)}-(\d+\.\d+\.\d+)\.jar", jar.name)
        if match:
            return match.group(1)
    raise ManagedNeo4jError(f"Maven resolved no {coordinates} jar into {folder}")


def _require_local(settings: Settings) -> None:
    if not settings.neo4j_is_local:
        raise ManagedNeo4jError(
            f"NEO4J_URI is {settings.neo4j_uri_for_display}, a server peelgraph does not manage; "
            "start and stop it the way it is run"
        )


def _pid_file(settings: Settings) -> Path:
    return settings.neo4j_home / "run" / "neo4j.pid"


def _read_pid(settings: Settings) -> int | None:
    path = _pid_file(settings)
    try:
        pid = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    if not _alive(pid):
        path.unlink(missing_ok=True)
        return None
    return pid


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _is_neo4j(pid)


def _is_neo4j(pid: int) -> bool:
    """Guard against a recycled pid: the process must be our entry point."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    # The JVM can leave its cmdline empty for a moment while it starts; that is not a stranger.
    return not cmdline or ENTRY_POINT.encode() in cmdline


def _port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def _log_tail(settings: Settings, lines: int = 15) -> str:
    for name in ("neo4j.log", "console.log"):
        path = settings.neo4j_home / "logs" / name
        if path.exists() and path.stat().st_size:
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    return "(no log written)"
