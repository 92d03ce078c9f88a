"""Indexing, search and matching, importable and testable without Flask (see ../shared/ARCHITECTURE.md).

Empty until the search issue lands; the package exists because the repository layout is fixed.
"""
