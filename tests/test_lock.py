"""The lock files: they satisfy pyproject.toml, agree with each other, and `make setup` installs exactly them."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.checkout import PROJECT_ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def locked(lock: str) -> dict[str, tuple[str, Marker | None]]:
    pins = {}
    for line in (PROJECT_ROOT / lock).read_text(encoding="utf-8").splitlines():
        if found := PIN.match(line):
            marker = Marker(found["marker"]) if found["marker"] else None
            pins[canonicalize_name(found["name"])] = (found["version"], marker)
    return pins


def required(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(line) for line in lines]


@pytest.mark.parametrize(("lock", "extra"), [("requirements.lock", None), ("requirements-dev.lock", "dev")])
def test_the_lock_satisfies_pyproject(lock: str, extra: str | None) -> None:
    pins = locked(lock)
    unmet = [str(requirement) for requirement in required(extra)
             if canonicalize_name(requirement.name) not in pins
             or not requirement.specifier.contains(pins[canonicalize_name(requirement.name)][0], prereleases=True)]
    assert unmet == [], f"{lock} is older than pyproject.toml: run `make lock`"


def test_the_two_locks_agree() -> None:
    runtime, dev = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {name: pin[0] for name, pin in runtime.items()} == {name: dev[name][0] for name in runtime}


def test_make_setup_installed_exactly_the_lock() -> None:
    if not (Path(sys.prefix) / ".installed").is_file():
        pytest.skip("this environment was not made by `make setup`")
    wrong = []
    for name, (pinned, marker) in locked("requirements-dev.lock").items():
        if marker is not None and not marker.evaluate():
            continue
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "nothing"
        if installed != pinned:
            wrong.append(f"{name}: {installed} installed, {pinned} locked")
    assert wrong == []
