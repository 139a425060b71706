"""Command line: argument parsing only. Dispatches to the GUI app, the sandbox or headless commands."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stint", description="Stint: time tracking for Salesforce work.")
    parser.add_argument("--profile", metavar="DIR", help="profile directory (default: STINT_HOME or the platform's data dir)")
    parser.add_argument("--demo", action="store_true", help="start on a fresh temporary profile connected to a built-in demo org")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sandbox = commands.add_parser("sandbox", help="serve a local Salesforce-compatible sandbox org until interrupted")
    sandbox.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: any free port)")
    sandbox.add_argument("--size", choices=("demo", "small", "large"), default="demo")
    sandbox.add_argument("--seed", type=int, default=1)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "sandbox":
        from desktop.sandbox.__main__ import serve

        return serve(port=args.port, size=args.size, seed=args.seed)
    parser.print_help(sys.stderr)
    return 2
