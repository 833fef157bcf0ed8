"""What every page is built with: typed documents, their twins, request types and file transfer.

Feature apps import from here; nothing here imports a feature app.
"""
