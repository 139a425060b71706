"""Pure rules of Stint, no I/O and no Qt.

items/tree: the imported task tree; archive: when an item leaves the active tree; entries and
timer: time entries and the one-running-timer rule; durations: h:mm:ss maths and parsing;
search (+ search_bitmaps, search_scan): ranked task search; settings: user settings, their
validation and the admin policy; synclog: what the sync log records; text: accent/case folding;
totals: time within local days (the timesheet's and the reports' one counting rule); report:
time grouped by account/opportunity/case/task; periods: day/week/month spans; csv_export: the
entries and report CSV; record_urls: a record's Lightning page.
"""
