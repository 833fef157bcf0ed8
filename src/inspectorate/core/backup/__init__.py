"""Backups of a workspace: what a backup folder holds, its manifest of hashes, and the checks on it.

A backup is a folder: ``manifest.json``, the database's snapshot beside it, and the workspace's own
files under ``workspace/``. The database part (SQLite's online backup, pg_dump) is taken by the web
layer, which knows the connection; everything about files and hashes is here.
"""
