"""Picking a task and timing it: the task widget, the search-as-you-type picker with its
results list and drop-down tree, their models, and the tray's quick picker."""
