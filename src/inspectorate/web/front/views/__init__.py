"""Function views, one module per kind of object."""
