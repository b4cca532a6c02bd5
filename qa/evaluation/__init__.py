"""Question sets → reports: reading sets, asking and judging, metrics, comparison."""
