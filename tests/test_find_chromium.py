"""`make test` on a fresh machine: scripts/find-chromium finds a Chromium for the browser
tests, or stops with one line saying what to install; never a silent skip."""

import subprocess
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "find-chromium"


def find(tmp_path, path_dirs=(), **env):
    environment = {
        "PATH": ":".join(str(d) for d in path_dirs) or str(tmp_path / "empty"),
        "DEBIAN_CHROMIUM": str(tmp_path / "no-debian-chromium"),
        "CHROMIUM_INSTALL": "no",
        **env,
    }
    return subprocess.run(
        ["/bin/sh", str(SCRIPT), str(tmp_path / "no-python")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )


def fake_browser(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_without_any_chromium_it_stops_with_one_line_saying_what_to_install(tmp_path):
    result = find(tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "apt-get install chromium" in lines[0] and "playwright install chromium" in lines[0]


def test_it_prefers_debians_chromium(tmp_path):
    debian = fake_browser(tmp_path / "usr" / "bin" / "chromium")
    on_path = fake_browser(tmp_path / "bin" / "chromium")
    result = find(tmp_path, [on_path.parent], DEBIAN_CHROMIUM=str(debian))
    assert (result.returncode, result.stdout.strip()) == (0, str(debian))


def test_it_finds_a_chromium_on_the_path(tmp_path):
    on_path = fake_browser(tmp_path / "bin" / "chromium")
    result = find(tmp_path, [on_path.parent])
    assert (result.returncode, result.stdout.strip()) == (0, str(on_path))


def test_an_explicit_chromium_path_wins(tmp_path):
    chosen = fake_browser(tmp_path / "opt" / "chrome")
    result = find(tmp_path, CHROMIUM_PATH=str(chosen))
    assert (result.returncode, result.stdout.strip()) == (0, str(chosen))
