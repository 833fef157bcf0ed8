"""The national pages: every force's figures from the official national tables, compared with all 43."""
