"""Tables, figures and events as data: formulas, consistency checks, charts, exports, dates.

Every module here is pure: it takes the plain dicts loaded from ``content/`` (shaped by
the JSON Schemas in ``alliance_site/schemas``) and returns values or strings. None of
them imports MkDocs, reads files or changes its input, so the same input always gives
the same bytes and the plugin, the validator and the tests can share them.
"""
