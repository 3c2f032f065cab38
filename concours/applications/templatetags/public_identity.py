"""``{% load public_identity %}``: ``{% with who=application|public_identity %}`` on pages that
show candidates outside the office (``applications.identity``)."""

from django import template

from concours.applications import identity
from concours.applications.models import Application

register = template.Library()


@register.filter
def public_identity(application: Application) -> identity.PublicIdentity:
    return identity.public_identity(application)
