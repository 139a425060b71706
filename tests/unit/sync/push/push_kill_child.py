"""Child process of the kill -9 test: push a profile's entries to Events, then exit.

Connection details come from the environment (STINT_TEST_*), never from the command line.
"""

import os
import sys
from datetime import UTC

from desktop.domain.settings import Settings
from desktop.salesforce.connection import connect_with_password
from desktop.store.store import Store
from desktop.sync.push.pusher import EntryPusher


def main() -> int:
    env = os.environ
    store = Store.open(sys.argv[1], display_tz=UTC)
    client = connect_with_password(
        env["STINT_TEST_LOGIN_URL"], env["STINT_TEST_USERNAME"], env["STINT_TEST_PASSWORD"],
        env["STINT_TEST_TOKEN"], ca_file=env["STINT_TEST_CA_FILE"])
    report = EntryPusher(store, client, Settings(writeback="event")).push()
    print(report.summary(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
