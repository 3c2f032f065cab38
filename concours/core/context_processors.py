from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    """Values every page template needs."""
    return {"CONCOURS_DEMO": settings.CONCOURS_DEMO}
