"""JSON API v1 (/api/v1): published listings for everyone, writes with a per-organisation API token."""
