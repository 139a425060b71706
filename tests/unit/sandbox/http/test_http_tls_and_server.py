"""TLS only, verified against the throwaway CA; the server starts fast and frees its port."""

from __future__ import annotations

import os
import socket
import time

import pytest
import requests

from desktop.sandbox.harness import start_sandbox


def test_https_verifies_against_the_reported_ca(sandbox):
    response = requests.get(f"{sandbox.instance_url}/services/data/", verify=sandbox.ca_file, timeout=5)
    assert response.status_code == 200


def test_certificate_is_not_trusted_without_the_ca(sandbox):
    session = requests.Session()
    session.trust_env = False
    with pytest.raises(requests.exceptions.SSLError):
        session.get(f"{sandbox.instance_url}/services/data/", timeout=5)


def test_plain_http_gets_no_answer(sandbox):
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"http://127.0.0.1:{sandbox.port}/services/data/", timeout=5)


def test_a_stalled_client_does_not_block_others(sandbox, http):
    with socket.create_connection(("127.0.0.1", sandbox.port)):
        # this connection never sends a TLS ClientHello; the server must keep answering others
        assert http.get(f"{sandbox.instance_url}/services/data/", timeout=5).status_code == 200


def test_start_is_fast_and_stop_frees_port_and_ca_file():
    started = time.monotonic()
    running = start_sandbox(size="small", seed=1)
    elapsed = time.monotonic() - started
    port, ca_file = running.port, running.ca_file
    assert os.path.exists(ca_file)
    running.stop()
    assert elapsed < 0.5
    assert not os.path.exists(ca_file)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))
    running.stop()  # idempotent


def test_context_manager_and_a_fixed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with start_sandbox(size="small", port=port) as running:
        assert running.instance_url == f"https://127.0.0.1:{port}"
        with pytest.raises(OSError):
            start_sandbox(size="small", port=port)


def test_concurrent_clients_are_served_in_parallel(sandbox):
    from concurrent.futures import ThreadPoolExecutor

    def work(index: int) -> int:
        sf = sandbox.salesforce()
        record_id = sf.Account.create({"Name": f"Parallel {index}"})["id"]
        assert sf.Account.get(record_id)["Name"] == f"Parallel {index}"
        return sf.query("SELECT COUNT() FROM Account WHERE Name LIKE 'Parallel %'")["totalSize"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(work, range(16)))
    assert max(counts) == 16
    assert sandbox.budget.used == 16 * 3


@pytest.mark.parametrize("hours", [-3, 3])
def test_the_date_header_is_the_orgs_time(sandbox, http, hours):
    """RFC 9110 section 6.6.1 (Date: when the message was made), on the org's clock: the time
    its CreatedDate and SystemModstamp come from, which clients may anchor on."""
    from email.utils import parsedate_to_datetime

    sandbox.clock.advance(hours * 3600)
    for path in ("/services/data/", "/services/data/v62.0/query/?q=SELECT+Id+FROM+Account"):
        response = http.get(f"{sandbox.instance_url}{path}", timeout=5)
        [date] = [v for k, v in response.raw.headers.items() if k.lower() == "date"]
        assert abs((parsedate_to_datetime(date) - sandbox.clock.now()).total_seconds()) < 3
