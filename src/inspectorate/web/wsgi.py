"""WSGI entry point for serving Inspectorate."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from inspectorate.core.workspace import keep_private

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspectorate.web.settings")
application = get_wsgi_application()
# Under any WSGI server, not only `inspectorate serve`: the workspace stays its owner's alone.
keep_private(settings.WORKSPACE)
