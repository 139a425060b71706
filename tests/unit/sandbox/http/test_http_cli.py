"""`python -m desktop.sandbox` and `stint sandbox` print one JSON line, serve, and exit 0 on a signal."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest
import requests

KEYS = {"login_url", "instance_url", "username", "password", "security_token", "client_id",
        "ca_file", "admin_url"}


@pytest.mark.parametrize("command, stop_signal", [
    ([sys.executable, "-m", "desktop.sandbox", "--size", "small", "--seed", "2"], signal.SIGTERM),
    ([sys.executable, "-m", "desktop", "sandbox", "--size", "small"], signal.SIGINT),
])
def test_cli_prints_its_json_line_then_serves_until_signalled(command, stop_signal):
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        details = json.loads(line)
        assert set(details) == KEYS
        assert details["username"] == "stint.user@example.com"
        assert details["client_id"] == "stint-desktop"
        session = requests.Session()
        session.trust_env = False
        session.verify = details["ca_file"]
        assert session.get(f"{details['instance_url']}/services/data/", timeout=5).status_code == 200
        assert session.get(details["admin_url"], timeout=5).status_code == 200
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
        assert process.stdout.read() == ""  # exactly one line on stdout
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_cli_reports_a_taken_port_and_exits_1():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "desktop.sandbox", "--size", "small", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"127.0.0.1:{port}" in result.stderr
