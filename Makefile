# The two commands a newcomer needs (see README.md).
.PHONY: demo test setup

setup:
	scripts/setup

demo: setup
	.venv/bin/inspectorate demo

test: setup
	scripts/test
