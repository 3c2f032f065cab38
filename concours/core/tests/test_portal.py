"""The registry of /me/ sections: order, replacement by key, and sections with nothing to show."""

from django.test import RequestFactory

from concours.core import portal


def test_sections_in_order_and_only_those_with_something(monkeypatch):
    monkeypatch.setattr(portal, "_SECTIONS", {})
    portal.register(key="b", template="b.html", context=lambda r: {"n": 2}, order=20)
    portal.register(key="a", template="a.html", context=lambda r: {"n": 1}, order=10)
    portal.register(key="empty", template="e.html", context=lambda r: None, order=5)
    request = RequestFactory().get("/me/")
    assert portal.sections_for(request) == [("a.html", {"n": 1}), ("b.html", {"n": 2})]
    portal.register(key="a", template="a2.html", context=lambda r: {"n": 3}, order=30)
    assert portal.sections_for(request) == [("b.html", {"n": 2}), ("a2.html", {"n": 3})]
