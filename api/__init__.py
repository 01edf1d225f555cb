"""The HTTP layer: a thin FastAPI app over the govkg core."""
