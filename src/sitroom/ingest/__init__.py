"""Getting articles in: decoding bytes, checking text, reading JSONL lines and HTML."""
