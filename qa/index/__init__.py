"""Articles → chunks → vectors → an index generation; whether an index fits the settings."""
