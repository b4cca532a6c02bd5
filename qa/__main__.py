"""``python -m qa`` runs the command line."""

from qa.cli import run

run()
