"""Backup and restore of a workspace: its database snapshotted while the app runs (SQLite's online
backup API, or pg_dump), its files copied while the data store is still, and a manifest of hashes
(core/backup); restored by file copy or pg_restore, which fire no model signals and so add no audit
entries."""
