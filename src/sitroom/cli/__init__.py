"""The ``sitroom`` command: thin shells over the Python API."""
from sitroom.cli.main import cli

__all__ = ["cli"]
