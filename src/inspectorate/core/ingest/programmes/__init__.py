"""One module per inspection programme: the structure and wording of its published reports."""
