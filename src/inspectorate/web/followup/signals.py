"""What happens to a followed finding, for whoever listens (notifications): sent after the change
commits, with the ``FollowUpdate`` that records it."""

from django.dispatch import Signal

# kwargs: update (FollowUpdate)
update_posted = Signal()
verdict_given = Signal()
