"""WSGI entry point: ``gunicorn concours.wsgi`` in production (see docs/deploy.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concours.settings")
application = get_wsgi_application()
