"""Question → ranked passages → an answer with citations; conversations; the Assistant."""
