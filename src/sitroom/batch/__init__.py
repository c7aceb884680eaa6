"""Running the pipeline over JSONL batches, in one process or several."""
