"""Helpers shared by the tests: building sites and reading the built HTML."""
