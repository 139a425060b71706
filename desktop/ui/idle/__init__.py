"""The idle prompt: what to do with the time the user was away while a timer ran."""
