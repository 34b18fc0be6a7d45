"""The performance benchmark behind `rag bench`: indexing, queries, scale, cold start and load."""
