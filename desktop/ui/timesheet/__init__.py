"""The Timesheet page: day and week views, their models, the entry editor and the undo banner."""
