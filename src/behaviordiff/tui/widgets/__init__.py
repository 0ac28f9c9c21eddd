"""The change view's parts: the note form, the evidence, the suggested edits."""
