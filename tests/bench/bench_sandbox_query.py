"""Benchmark: a full queryAll of 50,000 opportunities served by the sandbox (target >= 20,000 records/s).

    /work/venv/bin/python tests/bench/bench_sandbox_query.py [--size large] [--opportunities 50000]

Times the same paged queryAll twice: through simple-salesforce's query_all_iter (what Stint
does) and with plain requests following nextRecordsUrl (the server's share), best of --runs.
By default the sandbox runs in its own process (`python -m desktop.sandbox`), as it does for
the app, so the client's JSON decoding does not compete with the server for one GIL;
--in-process serves from a thread of this process instead.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from types import SimpleNamespace

import requests
from simple_salesforce import Salesforce
from simple_salesforce.login import SalesforceLogin

from desktop.sandbox.harness import start_sandbox

SOQL = ("SELECT Id, Name, StageName, CloseDate, Amount, Probability, IsClosed, IsWon, AccountId, "
        "Account.Name, OwnerId, LastModifiedDate, SystemModstamp, IsDeleted FROM Opportunity")


def with_simple_salesforce(running) -> int:
    sf = running.salesforce()
    return sum(1 for _ in sf.query_all_iter(SOQL, include_deleted=True))


def with_plain_requests(running) -> int:
    session = running.http_session()
    sf = running.salesforce()
    headers = {"Authorization": f"Bearer {sf.session_id}"}
    url = f"{running.instance_url}/services/data/v59.0/queryAll/"
    page = session.get(url, params={"q": SOQL}, headers=headers).json()
    count = len(page["records"])
    while not page["done"]:
        page = session.get(running.instance_url + page["nextRecordsUrl"], headers=headers).json()
        count += len(page["records"])
    return count


class SandboxProcess:
    """`python -m desktop.sandbox` in a child process, with the client helpers the bench uses."""

    def __init__(self, size: str, opportunities: int) -> None:
        if opportunities != 50_000 or size != "large":
            raise SystemExit("--opportunities/--size other than the large org need --in-process")
        self._child = subprocess.Popen(
            [sys.executable, "-m", "desktop.sandbox", "--size", size, "--seed", "1"],
            stdout=subprocess.PIPE, text=True)
        self.info = SimpleNamespace(**json.loads(self._child.stdout.readline()))
        self.instance_url = self.info.instance_url

    def http_session(self) -> requests.Session:
        session = requests.Session()
        session.verify = self.info.ca_file
        session.trust_env = False
        return session

    def salesforce(self) -> Salesforce:
        session = self.http_session()
        session_id, instance = SalesforceLogin(
            username=self.info.username, password=self.info.password,
            security_token=self.info.security_token, scratch_url=self.info.login_url,
            session=session)
        return Salesforce(session_id=session_id, instance_url=f"https://{instance}",
                          session=session)

    def stop(self) -> None:
        self._child.terminate()
        self._child.wait(timeout=10)


def rates(label: str, run, running, runs: int) -> list[float]:
    measured = []
    for _ in range(runs):
        started = time.perf_counter()
        count = run(running)
        elapsed = time.perf_counter() - started
        measured.append(count / elapsed)
        print(f"  {label:<20} {count:>7} records in {elapsed:6.2f} s = {count / elapsed:>9,.0f} records/s")
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "large"))
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--in-process", action="store_true",
                        help="serve from a thread of this process (shares the GIL with the client)")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.in_process:
        running = start_sandbox(size=args.size, seed=1, opportunities=args.opportunities)
    else:
        running = SandboxProcess(args.size, args.opportunities)
    where = "in this process" if args.in_process else "in its own process"
    print(f"org '{args.size}' with {args.opportunities} opportunities ready {where} in "
          f"{time.perf_counter() - started:.1f} s at {running.instance_url}")
    try:
        results = {
            "simple-salesforce": rates("simple-salesforce", with_simple_salesforce, running, args.runs),
            "plain requests": rates("plain requests", with_plain_requests, running, args.runs),
        }
    finally:
        running.stop()
    for label, measured in results.items():
        best, median = max(measured), statistics.median(measured)
        verdict = "OK" if median >= 20_000 else "BELOW TARGET"
        print(f"{label:<18} best {best:>9,.0f}  median {median:>9,.0f} records/s  "
              f"(target 20,000 median: {verdict})")


if __name__ == "__main__":
    main()
