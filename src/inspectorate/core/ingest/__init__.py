"""Published inspection reports read into structured records: grades, findings, audit figures and
case-review counts, each with where in the text it was found. Nothing is guessed: what cannot be
read is reported as missing."""
