"""Front ends: the qa command, the chat loop, rich rendering (the only importers of rich)."""
