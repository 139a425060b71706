"""The Sync page: last and next runs, Force synchronization, statistics, and the wording of
sync states shared with the status bar."""
