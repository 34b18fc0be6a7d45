"""A thin FastAPI layer over the rag library."""

from api.app import create_app

__all__ = ["create_app"]
