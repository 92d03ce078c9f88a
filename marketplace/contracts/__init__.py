"""Contracts: technology-contract records and their registration (技术合同认定登记) at registration sites.

Rules: ``rules.toml`` (national rule sets by effective date) and ``vocab.py`` (code lists); business rules in
``services.py``. See ../shared/REGISTRATION.md for the specification this follows.
"""
