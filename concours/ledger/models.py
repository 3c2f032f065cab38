"""The integrity log: chains of entries, each entry carrying the hash of the one before it
(``docs/algorithms/hashchain.md``). Entries are written only by ``services.append``; nothing
here changes or deletes one, and a change made in the database directly is found by
``selectors.verify``."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concours.hashchain import GENESIS, Head


class AppendOnlyError(Exception):
    """An attempt to change or delete what the integrity log has recorded."""


def _refuse(what: str) -> NoReturn:
    raise AppendOnlyError(
        gettext("The integrity log is append-only: %(what)s cannot be changed or deleted.")
        % {"what": what}
    )


class ChainQuerySet(models.QuerySet["Chain"]):
    def delete(self) -> NoReturn:
        _refuse(gettext("a chain"))


class Chain(models.Model):
    """One chain of the log, e.g. ``edition:12`` or ``federation``, and its head: how many
    entries it has and the hash of the last. The head changes only by ``services.append``."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    length = models.PositiveBigIntegerField(_("entries"), default=0)
    head_hash = models.CharField(_("head hash"), max_length=64, default=GENESIS)

    objects = ChainQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("chain")
        verbose_name_plural = _("chains")
        base_manager_name = "objects"

    def __str__(self) -> str:
        return self.key

    @property
    def head(self) -> Head:
        return Head(self.length, self.head_hash)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(gettext("a chain"))


class EntryQuerySet(models.QuerySet["Entry"]):
    """Reads only: updating or deleting entries in bulk is refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        _refuse(gettext("an entry"))

    def delete(self) -> NoReturn:
        _refuse(gettext("an entry"))

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(gettext("an entry"))


class Entry(models.Model):
    """One entry as stored (a link of the chain, §4): the hashed fields, the hash of the entry
    before it and its own hash. Saved once, when appended; never changed or deleted."""

    chain = models.ForeignKey(
        Chain, on_delete=models.PROTECT, related_name="entries", verbose_name=_("chain")
    )
    seq = models.PositiveBigIntegerField(_("number"))
    recorded_at = models.DateTimeField(_("recorded at"))
    actor = models.CharField(_("actor"), max_length=200)
    kind = models.CharField(_("kind"), max_length=100)
    payload = models.JSONField(_("payload"))
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["chain", "seq"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        base_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="ledger_entry_one_per_number"),
            models.CheckConstraint(
                condition=models.Q(seq__gte=1), name="ledger_entry_numbers_from_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chain.key} #{self.seq} {self.kind}"

    def save(self, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse(gettext("an entry"))
        super().save(**{**kwargs, "force_insert": True})

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(gettext("an entry"))
