"""docgen: legal filings against removal to torture, from the facts of a case."""
