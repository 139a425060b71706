"""Child process of the kill -9 tests: a first sync of a store, one line on stdout after each
committed page. Connection details come from the environment (STINT_TEST_*), never from the
command line."""

import os
import sys

from desktop.domain.settings import Settings
from desktop.salesforce.connection import connect_with_password
from desktop.store import Store
from desktop.sync.pull.run import PullSync


def main() -> int:
    env = os.environ
    store = Store.open(sys.argv[1])
    client = connect_with_password(
        env["STINT_TEST_LOGIN_URL"], env["STINT_TEST_USERNAME"], env["STINT_TEST_PASSWORD"],
        env["STINT_TEST_TOKEN"], ca_file=env["STINT_TEST_CA_FILE"])
    print("syncing", flush=True)
    run = PullSync(store, client).run(
        Settings(), on_progress=lambda _objects, done, _total: print("committed", done, flush=True))
    print("finished", run.outcome.value, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
