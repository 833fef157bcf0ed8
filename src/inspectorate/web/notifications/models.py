"""What each person has been told, and how they like to be told.

Every notice sent is a ``Notification`` row: to whom, of what kind, in which email (its subject),
about what (a key naming the object and, for a date, the date: ``overdue:<code>:2026-03-31``) and
when. A person is never sent a notice whose key is already theirs, so the daily digest tells of a
due date or an overdue item once, and never again of an update already mailed at once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NoticeKind(models.TextChoices):
    UPDATE = "update", "Update posted"
    VERDICT = "verdict", "Verdict given"
    REOPENED = "reopened", "Reopened"
    DUE_SOON = "due-soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    RESPONSE_DUE = "response-due", "Local policing body's response due soon"
    RESPONSE_OVERDUE = "response-overdue", "Local policing body's response overdue"
    DIGEST = "digest", "Daily digest"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NoticeKind.choices)
    subject = models.CharField(max_length=300)
    about = models.CharField(max_length=200)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["recipient", "sent_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "about"], name="one_notice_per_person_and_thing")
        ]
        indexes = [models.Index(fields=["recipient", "kind", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.recipient} {self.kind} {self.about}"


class MailChoice(models.Model):
    """How a person likes to be told of updates and verdicts: at once (the default), or only in the
    daily digest. Due dates and overdue items are always in the digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_choice"
    )
    immediate = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.user}: {'at once' if self.immediate else 'digest only'}"


def wants_mail_at_once(user_id: int) -> bool:
    choice = MailChoice.objects.filter(user_id=user_id).values_list("immediate", flat=True).first()
    return True if choice is None else choice
