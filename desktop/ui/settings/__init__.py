"""The Salesforce settings page: connect, what to import, write-back, admin locks."""
