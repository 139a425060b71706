"""Pull: Salesforce -> the local task tree (queries, paging, mapping, committing pages)."""
