"""The Django side of Inspectorate: persistence, pages and their JSON and CSV twins."""
