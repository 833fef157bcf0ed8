"""The national pages' views, one module a page."""
