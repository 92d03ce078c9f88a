"""What every domain uses: errors, state machines, the audit log, mail, the transaction edge."""
