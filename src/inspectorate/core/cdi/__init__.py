"""Crime data integrity audits: sample design, auditors' decisions, and the recording-rate estimates.

Pure and typed: the web and the CLI store audits and decisions; this package decides what to
sample, checks worksheets and computes the figures.
"""
