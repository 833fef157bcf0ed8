"""The upload of one published report, and the confirmation that stores what was read of it."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.core.files.uploadedfile import UploadedFile

from inspectorate.core.limits import megabytes
from inspectorate.web.imports.batch import LARGEST_REPORT, REPORT_SUFFIXES
from inspectorate.web.stored_files import SHA256


class ReportUploadForm(forms.Form):
    report = forms.FileField(
        label="Report file",
        help_text=(
            "A published report as plain text (.txt), a saved web page (.html, .htm) or a PDF, at most "
            f"{megabytes(LARGEST_REPORT)}. It is read and shown to you first; nothing is stored until "
            "you confirm."
        ),
        error_messages={"required": "Choose a report file"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own form, which sends the file (multipart)
        self.helper.layout = Layout(Field("report"), Submit("read", "Read the report"))

    def clean_report(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["report"]
        name = upload.name or "report"
        if not name.lower().endswith(REPORT_SUFFIXES):
            raise forms.ValidationError(f"{name}: a report is a .txt, .html, .htm or .pdf file")
        if (upload.size or 0) > LARGEST_REPORT:
            raise forms.ValidationError(
                f"{name}: is {upload.size:,} bytes; a report may be at most {megabytes(LARGEST_REPORT)}"
            )
        return upload


class ConfirmForm(forms.Form):
    """What the check page sends back: the kept file (by its SHA-256) and the name it was sent under."""

    sha256 = forms.CharField(min_length=64, max_length=64, widget=forms.HiddenInput)
    name = forms.CharField(max_length=255, widget=forms.HiddenInput)

    def clean_sha256(self) -> str:
        sha256: str = self.cleaned_data["sha256"]
        if not SHA256.fullmatch(sha256):
            raise forms.ValidationError("not a SHA-256")
        return sha256
