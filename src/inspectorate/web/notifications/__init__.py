"""Notifications by email: who is told of a followed finding's updates, verdicts, due dates and the
local policing body's response, at once or in the daily digest, and the log that keeps any notice
from being sent twice."""
