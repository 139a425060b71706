"""Headless command implementations behind `stint <command>` (cli.py parses and prints)."""
