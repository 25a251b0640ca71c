"""Services: the work behind every CLI command and web route, over an Engine."""
