"""Users, organisations, memberships and platform roles."""
