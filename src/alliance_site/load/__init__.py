"""Reading corpus files: safe YAML with positions, and discovery of content files."""
