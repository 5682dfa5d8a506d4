"""The replay front: runs transcript files headless against the engine and the records."""
