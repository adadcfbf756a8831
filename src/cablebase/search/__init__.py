"""Full-text search: the index fields, the query language, and running queries."""
