"""Brokers, deals, the deal room and the broker attribution ledger."""
