"""The forms that publish a report and open a correction, as GOV.UK forms: the embargo's end as a
date input (day, month, year) and a time, in UK time, never a browser's own date-time picker (which
shows the browser's locale, often a US date, under a UK-time label)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from inspectorate.web.pages.forms import DATE_PARTS, DateInputField, DateInputWidget, date_input
from inspectorate.web.reports.publishing import PAST_ALLOWANCE

TIME = re.compile(r"^(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)$")
ISO_EXAMPLE = "embargo_until as a date and time in UK time, for example 2026-12-10T09:30"


class PublishForm(forms.Form):
    """The report frozen as its next version, public from the end of its embargo (UK time). A
    correction (any version after the first) also asks for its reason, which the open correction's
    gives when it is left empty."""

    embargo_date = DateInputField(
        label="Day the embargo ends",
        subject="The day the embargo ends",
        required=True,
        help_text="For example, 10 12 2026. The report is public from then on.",
    )
    embargo_time = forms.CharField(
        label="Time the embargo ends (UK time)",
        help_text="24-hour clock, for example 09:30. UK time: GMT in winter, BST in summer.",
        max_length=5,
        error_messages={"required": "Enter the time the embargo ends, for example 09:30"},
    )
    reason = forms.CharField(
        label="Reason for the correction",
        help_text="Printed beside the corrected version, for every reader.",
        required=False,
        max_length=500,
    )

    def __init__(self, *args: Any, correcting: bool, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.correcting = correcting
        self.unreadable = ""  # a script's embargo_until that is no date and time
        fields = [
            date_input("embargo_date"),
            Field.text("embargo_time", field_width=5, inputmode="numeric", autocomplete="off"),
        ]
        if correcting:  # left empty: the open correction's reason (publishing.py decides)
            fields.append(Field.text("reason"))
        else:
            del self.fields["reason"]
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "publish-form"
        self.helper.layout = Layout(*fields, Submit("publish", "Publish under embargo"))

    @classmethod
    def posted(cls, data: Any, **kwargs: Any) -> PublishForm:
        """The form as posted; a script's one ISO value, ``embargo_until`` ("2026-12-10T09:30", UK
        time), stands for the date and time fields when they are absent."""
        given = data.get("embargo_until", "").strip()
        boxes = [f"embargo_date_{part}" for part in DATE_PARTS]
        unreadable = ""
        if given and not any(data.get(box) for box in boxes):
            data = data.copy()
            try:
                when = datetime.datetime.fromisoformat(given)
            except ValueError:
                unreadable = given
                data[boxes[0]] = given  # shown back, and refused as not a date
            else:
                if timezone.is_aware(when):
                    when = timezone.localtime(when)
                data.update(dict(zip(boxes, (str(when.day), str(when.month), str(when.year)), strict=True)))
                data["embargo_time"] = when.strftime("%H:%M")
        form = cls(data, **kwargs)
        form.unreadable = unreadable
        return form

    def clean_embargo_time(self) -> datetime.time:
        text = self.cleaned_data["embargo_time"].strip()
        match = TIME.match(text)
        if match is None:
            raise ValidationError("Enter the time the embargo ends as hours and minutes, for example 09:30")
        return datetime.time(int(match["hour"]), int(match["minute"]))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.unreadable:  # one value from a script: not "must include a month and year"
            self.errors.pop("embargo_date", None)
            field = self.fields["embargo_date"]
            if isinstance(field.widget, DateInputWidget):
                field.widget.faulty = frozenset(range(len(DATE_PARTS)))
            self.add_error("embargo_date", f"The day the embargo ends must be a real date ({ISO_EXAMPLE})")
        day, time = data.get("embargo_date"), data.get("embargo_time")
        if isinstance(day, datetime.date) and isinstance(time, datetime.time):
            when = timezone.make_aware(datetime.datetime.combine(day, time))  # UK time
            if when < timezone.now() - PAST_ALLOWANCE:
                now = timezone.localtime().strftime("%-d %B %Y %H:%M")
                self.add_error("embargo_date", f"The embargo must end now or later (it is {now} UK time)")
            data["embargo_until"] = when
        return data


class CorrectionForm(forms.Form):
    """A correction of the published report opened, with its reason."""

    reason = forms.CharField(
        label="Why the report is corrected",
        help_text="The working copy is unlocked for the change. The reason is printed beside the next "
        "version.",
        max_length=500,
        error_messages={"required": "Enter why the report is corrected"},
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "open-correction"
        self.helper.layout = Layout(Field.text("reason"), Submit("open", "Open a correction"))

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise ValidationError("Enter why the report is corrected")
        return reason
