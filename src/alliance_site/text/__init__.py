"""Inline text: citation and cross-reference markup."""
