"""`factcheck serve`: the editor's desk, a local web page over the same pipeline.

An editor pastes or opens a draft, sees the report beside it as they type,
applies suggestions, suppresses findings with a reason, adds the facts the
reference lacks (to a folder they named), and browses the reference. The page
and its JSON API are an ASGI app (`create_app`); `serve` runs it with uvicorn.
"""

from __future__ import annotations

from .app import create_app
from .desk import Desk
from .guard import Policy
from .server import serve

__all__ = ["Desk", "Policy", "create_app", "serve"]
