"""Statistics of registered technology contracts (REGISTRATION.md §6): figures, funnel, charts, exports."""
