"""The most-similar-group table, filled in by a person as a new version."""

from __future__ import annotations

from django import forms


class PeerGroupForm(forms.Form):
    label = forms.CharField(max_length=120)
    source = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="Where these groups come from."
    )
    source_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    table = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 24, "class": "mono"}),
        help_text="One row per force: force id, then its peers' ids separated by ';'.",
    )
