"""Push (write-back): stopped time entries -> Events or custom time-entry records in Salesforce."""
