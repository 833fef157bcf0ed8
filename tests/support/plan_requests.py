"""What the tests of the fieldwork plan (tests/web/plan) share: the roles they ask, the three
inspections' keys, data returns good and broken, and the addresses and uploads of requests."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inspectorate.core.workspace import files_dir
from inspectorate.web.plan.models import ForceRequest
from support.access import ROLES

ALL_ROLES = (*ROLES, "lpb")
KEYS = ("draft", "factual", "published")
HEADER = "call_id,channel,received_at,answered_at,abandoned\n"
GOOD = HEADER + "A,999,2021-02-01 10:00:00,,false\nB,999,2021-02-01 10:30:00,,false\n"
BROKEN = {
    "wrong-header.csv": HEADER.replace("channel", "chanel") + "A,999,2021-02-01 10:00:00,,false\n",
    "bad-date.csv": HEADER + "A,999,2021-02-01 10:00:00,,false\nB,999,2021-02-30 10:00:00,,false\n",
    "impossible.csv": HEADER + "A,999,2021-02-01 10:00:00,2021-02-01 09:00:00,false\n",
}

# The forms' fields as a person fills them in.
REQUEST_FORM = {
    "kind": "information",
    "title": "Number of officers",
    "due_on_day": "1",
    "due_on_month": "3",
    "due_on_year": "2099",
}
ACTIVITY_FORM = {
    "kind": "observation",
    "title": "Control room",
    "on_day": "2",
    "on_month": "3",
    "on_year": "2099",
    "areas": ["prevention"],
}


def request_codes(cast: Any, plan: dict[str, Any], key: str) -> dict[str, Any]:
    return {"code": cast.inspection(key).code, "request_code": plan["requests"][key].code}


def activity_codes(cast: Any, plan: dict[str, Any], key: str) -> dict[str, Any]:
    return {"code": cast.inspection(key).code, "activity_code": plan["activities"][key].code}


def data_request(cast: Any) -> ForceRequest:
    return ForceRequest.objects.create(
        inspection=cast.draft,
        kind="data-return",
        title="Calls, February 2021",
        due_on=datetime.date(2099, 1, 1),
    )


def send_file(
    client: Client, cast: Any, force_request: ForceRequest, name: str, text: str, **more: Any
) -> Any:
    codes = {"code": cast.draft.code, "request_code": force_request.code}
    upload = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("plan-request-answer", kwargs=codes), {"file": upload, **more})


def kept_files(workspace: Path) -> list[Path]:
    return sorted(path for path in files_dir(workspace).rglob("*") if path.is_file())
