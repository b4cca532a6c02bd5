"""``python -m qa`` runs the command line."""

from qa.ui.cli import run

run()
