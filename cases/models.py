# Youths, signals, cases and groups arrive with the next issues (see docs/architecture.md).
