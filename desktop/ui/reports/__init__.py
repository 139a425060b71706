"""The Reports page: time by account, opportunity, case or task over chosen days, billable
and not, as a bar chart and a table, with CSV export and copy as a table."""
