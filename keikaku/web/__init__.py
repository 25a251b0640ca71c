"""Web application: FastAPI routes, page contexts, templates and charts."""
