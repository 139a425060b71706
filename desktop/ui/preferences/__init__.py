"""The General page of Settings: display, start at log-in, idle detection, reminders."""
