"""Payments: challenge deposits and platform service fees through Stripe Checkout, confirmed only by
signed webhooks (models, states, services, deposits, stripe_client, views)."""
