"""The system tray icon and its menu."""
