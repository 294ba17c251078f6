"""Helpers shared by the REST API suite's tests."""
import uuid


def unique_name(kind="repo"):
    """A repository (or branch, tag) name no other test uses."""
    return f"{kind}-{uuid.uuid4().hex[:12]}"
