"""Mail sent as a followed finding changes: followup's signals arrive once the change has committed
(web/followup/signals.py). Nothing here may break the change: any failure is logged."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from inspectorate.web.followup.models import FollowUpdate
from inspectorate.web.followup.signals import update_posted, verdict_given
from inspectorate.web.followup.visible import hidden
from inspectorate.web.notifications.sending import notify_update

logger = logging.getLogger(__name__)


@receiver(update_posted, dispatch_uid="notifications-update-posted")
@receiver(verdict_given, dispatch_uid="notifications-verdict-given")
def followed_finding_changed(sender: object, update: FollowUpdate, **kwargs: object) -> None:
    if hidden(update):
        # A verdict of a later inspection not yet published is its team's alone: nobody outside
        # it is told (followup/visible.py).
        return
    try:
        notify_update(update)
    except Exception:
        logger.exception("notifications of update %s not sent", update.code)
