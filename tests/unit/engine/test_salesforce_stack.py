"""The Salesforce client and sync code load once, one thread at a time (a lazy first import
from two threads failed with KeyError('simple_salesforce') inside importlib in an e2e run)."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys, threading
from desktop.engine.salesforce_stack import load_salesforce_stack
assert "simple_salesforce" not in sys.modules
errors = []
def load():
    try:
        load_salesforce_stack()
        assert "desktop.sync.push.pusher" in sys.modules
    except BaseException as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=load) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(errors or "ok", "simple_salesforce" in sys.modules)
"""


def test_eight_threads_load_it_at_once_in_a_fresh_interpreter():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ok", "True"]
