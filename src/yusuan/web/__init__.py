"""The web UI: upload → report, document with tables and charts, the oversight overview."""
