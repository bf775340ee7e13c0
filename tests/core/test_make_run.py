"""`make run` is demo mode, not debug mode: the settings file make writes has no DEBUG (and
an old one loses it), and the server it starts serves Navet's error pages and the static
files through whitenoise."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.core.test_login_and_health import DEV_VARIABLES

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make") or "/usr/bin/make"
HEADER = "# Written by make for development on this machine. Never in production.\n"


def make_local_env(folder: Path) -> str:
    """Run `make local-env` as if `folder` were the checkout; return var/local.env."""
    result = subprocess.run(
        [MAKE, "-s", "-f", str(ROOT / "Makefile"), "-C", str(folder), "local-env"],
        capture_output=True,
        text=True,
        check=False,
        env={key: value for key, value in os.environ.items() if key not in DEV_VARIABLES},
    )
    assert result.returncode == 0, result.stderr
    return (folder / "var" / "local.env").read_text()


def test_make_writes_demo_mode_without_debug(tmp_path: Path) -> None:
    assert make_local_env(tmp_path) == HEADER + "NAVET_DEMO_MODE=true\n"


def test_make_takes_debug_out_of_the_file_it_wrote_before(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "local.env").write_text(
        HEADER + "DEBUG=true\nNAVET_DEMO_MODE=true\nLOG_LEVEL=DEBUG\n"
    )
    assert make_local_env(tmp_path) == HEADER + "NAVET_DEMO_MODE=true\nLOG_LEVEL=DEBUG\n"


def test_make_leaves_a_file_it_did_not_write_alone(tmp_path: Path) -> None:
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "local.env").write_text("DEBUG=true\nNAVET_DEMO_MODE=true\n")
    assert make_local_env(tmp_path) == "DEBUG=true\nNAVET_DEMO_MODE=true\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our server
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.slow
def test_the_demo_server_serves_static_files_and_navets_404_without_debug(
    tmp_path: Path,
) -> None:
    """runserver as `make run` starts it: only the settings make writes, no DEBUG."""
    env_file = tmp_path / "var" / "local.env"
    assert "DEBUG" not in make_local_env(tmp_path)
    env = {key: value for key, value in os.environ.items() if key not in DEV_VARIABLES}
    env.update(
        NAVET_ENV_FILE=str(env_file),
        DATABASE_URL=f"sqlite:///{tmp_path / 'navet.sqlite3'}",
        NAVET_MEDIA_ROOT=str(tmp_path / "media"),
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _headers, _body = fetch(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.3)
        status, headers, body = fetch(f"{base}/static/navet/navet.css")
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert body == (ROOT / "static" / "navet" / "navet.css").read_text()
        status, headers, body = fetch(f"{base}/static/vendor/aksel/ds-css.min.css")
        assert status == 200
        status, _headers, body = fetch(f"{base}/finnes-ikke/")
        assert status == 404
        assert ">Fant ikke siden</h1>" in body
        assert "URLconf" not in body and "DEBUG" not in body
        status, _headers, body = fetch(f"{base}/static/navet/finnes-ikke.css")
        assert status == 404
        assert ">Fant ikke siden</h1>" in body
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output, output
