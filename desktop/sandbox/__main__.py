"""`python -m desktop.sandbox` / `stint sandbox`: serve a sandbox org until interrupted."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading

from desktop.sandbox.harness import start_sandbox
from desktop.sandbox.latency import parse_latency

LATENCY_HELP = ("how long answers take: 'off' (default, local speed), 'salesforce' (150 ms a "
                "request + 0.25 ms a record returned, an assumption: see desktop/sandbox/latency.py) "
                "or 'REQUEST_MS,RECORD_MS'")


def serve(port: int = 0, size: str = "demo", seed: int = 1, latency: str = "off") -> int:
    """Print one JSON line with the connection details, then serve until Ctrl+C or SIGTERM."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        model = parse_latency(latency)
    except ValueError as exc:
        print(f"stint sandbox: {exc}", file=sys.stderr)
        return 2
    stop_requested = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop_requested.set())
    try:
        running = start_sandbox(size=size, seed=seed, port=port, latency=model)
    except OSError as exc:
        signal.signal(signal.SIGTERM, previous)
        print(f"stint sandbox: {exc}", file=sys.stderr)
        return 1
    try:
        details = {key: getattr(running, key) for key in (
            "login_url", "instance_url", "username", "password", "security_token", "client_id",
            "ca_file", "admin_url")}
        sys.stdout.write(json.dumps(details) + "\n")
        sys.stdout.flush()
        while not stop_requested.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
        signal.signal(signal.SIGTERM, previous)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.sandbox",
                                     description="Serve a local Salesforce-compatible sandbox org.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--size", choices=("demo", "small", "large"), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency", default="off", help=LATENCY_HELP)
    args = parser.parse_args(argv)
    return serve(port=args.port, size=args.size, seed=args.seed, latency=args.latency)


if __name__ == "__main__":
    raise SystemExit(main())
