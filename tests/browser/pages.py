"""Opening the site in the browser as a signed-in person, for the browser tests."""

from typing import Any

from django.conf import settings
from django.test import Client

DESKTOP = {"width": 1024, "height": 768}


def sign_in(context: Any, live_server: Any, user: Any) -> None:
    """Give the browser context ``user``'s session (signed in through Django's test client,
    without the password form and its deliberately slow hashing)."""
    client = Client()
    client.force_login(user)
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])  # fmt: skip


def page_for(
    browser: Any, live_server: Any, user: Any, viewport: dict[str, int] | None = None
) -> tuple[Any, Any, list[str]]:
    """A new context signed in as ``user``, its page, and the list that collects the page's
    script errors and Content-Security-Policy refusals (a test expects it to stay empty)."""
    context = browser.new_context(locale="en-GB", viewport=viewport or DESKTOP)
    sign_in(context, live_server, user)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None
    )
    return context, page, errors
