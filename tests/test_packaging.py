"""An installed wheel (not a clone) finds its default brief, themes, starter and data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(folder)],
                   cwd=ROOT, check=True, capture_output=True)
    (built,) = folder.glob("briefing-*.whl")
    return built


def test_the_wheel_ships_templates_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "briefing/templates/briefs/china-pakistan-ict.yaml" in names
    assert "briefing/templates/themes/policy.yaml" in names
    assert "briefing/templates/starter/brief.yaml" in names
    shipped_csv = {Path(n).name for n in names if n.startswith("briefing/data/")}
    assert shipped_csv == {p.name for p in (ROOT / "data").glob("*.csv")}


def test_an_installed_wheel_validates_its_default_brief_from_any_folder(
        wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", "--target", str(site), str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    script = ("import briefing.resources as r, briefing.cli as c; "
              "assert r.default_spec().is_relative_to(r'" + str(site) + "'), r.default_spec(); "
              "raise SystemExit(c.main(['validate', '--strict', str(r.default_spec())]))")
    result = subprocess.run([sys.executable, "-c", script], cwd=elsewhere, env=env,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(": ok")
