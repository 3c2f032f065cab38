"""Read-only representations of public competition data. Texts that organisers write come in
both languages: ``{"en": "…", "zh": "…"}``."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import get_attribute

from concours.competitions.models import (
    Competition,
    Division,
    Edition,
    Prize,
    RepertoireRequirement,
    Round,
)


class BilingualSerializer(serializers.Serializer[dict[str, str]]):
    # Either language may be empty: organisers often write only one version (or, for optional
    # texts such as a venue or a note, neither).
    en = serializers.CharField(allow_blank=True)
    zh = serializers.CharField(allow_blank=True)


class ErrorSerializer(serializers.Serializer[dict[str, str]]):
    """The body of an error response, such as {"detail": "Not found."}."""

    detail = serializers.CharField()


@extend_schema_field(BilingualSerializer)
class BilingualField(serializers.Field):  # type: ignore[type-arg]
    """Reads ``<source>_en`` and ``<source>_zh`` into one object."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> dict[str, str]:
        # ``source`` may be dotted (``city.name``): follow the path, then read the two stored
        # fields of the last object. ``getattr(instance, "city.name_en")`` would not work.
        *path, base = self.source_attrs
        owner = get_attribute(instance, path)
        return {"en": getattr(owner, f"{base}_en"), "zh": getattr(owner, f"{base}_zh")}

    def to_representation(self, value: dict[str, str]) -> dict[str, str]:
        return value


class CompetitionSerializer(serializers.ModelSerializer[Competition]):
    name = BilingualField()
    short_name = BilingualField()
    description = BilingualField()
    city = serializers.CharField(source="city.name_en")
    city_name = BilingualField(source="city.name")
    country = serializers.CharField(source="city.country.code")
    disciplines = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    federation = serializers.CharField(
        source="federation.short_name", allow_null=True, default=None
    )

    class Meta:
        model = Competition
        fields = [
            "slug",
            "name",
            "short_name",
            "city",
            "city_name",
            "country",
            "disciplines",
            "founded_year",
            "federation",
            "member_since",
            "website",
            "description",
        ]


class EditionSerializer(serializers.ModelSerializer[Edition]):
    competition = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    title = serializers.SerializerMethodField()
    venue = BilingualField()

    class Meta:
        model = Edition
        fields = [
            "id",
            "competition",
            "year",
            "number",
            "title",
            "status",
            "starts_on",
            "ends_on",
            "venue",
            "time_zone",
            "applications_open_at",
            "applications_close_at",
        ]

    @extend_schema_field(BilingualSerializer)
    def get_title(self, edition: Edition) -> dict[str, str]:
        competition = edition.competition
        return {
            "en": edition.title_en or f"{competition.name_en} {edition.year}",
            "zh": edition.title_zh
            or (f"{competition.name_zh} {edition.year}" if competition.name_zh else ""),
        }


class PrizeSerializer(serializers.ModelSerializer[Prize]):
    name = BilingualField()

    class Meta:
        model = Prize
        fields = ["kind", "place", "name", "amount", "currency", "medal", "outcome"]


class DivisionSerializer(serializers.ModelSerializer[Division]):
    name = BilingualField()
    discipline = serializers.SlugRelatedField(read_only=True, slug_field="code")
    instruments = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    prizes = PrizeSerializer(many=True, read_only=True)

    class Meta:
        model = Division
        fields = [
            "id",
            "edition",
            "slug",
            "name",
            "discipline",
            "born_on_or_after",
            "born_on_or_before",
            "min_members",
            "max_members",
            "instruments",
            "max_total_age",
            "ages_counted_on",
            "fee_policy",
            "fee_amount",
            "fee_currency",
            "prizes",
        ]


class RequirementSerializer(serializers.ModelSerializer[RepertoireRequirement]):
    category = serializers.SlugRelatedField(read_only=True, slug_field="code")
    category_name = BilingualField(source="category.name")
    note = BilingualField()

    class Meta:
        model = RepertoireRequirement
        fields = ["category", "category_name", "min_count", "max_count", "note"]


class RoundSerializer(serializers.ModelSerializer[Round]):
    name = BilingualField()
    format = BilingualField()
    requirements = RequirementSerializer(many=True, read_only=True)
    min_duration_seconds = serializers.SerializerMethodField()
    max_duration_seconds = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = [
            "id",
            "division",
            "number",
            "name",
            "kind",
            "format",
            "starts_on",
            "ends_on",
            "advancing",
            "scoring_preset",
            "scoring_parameters",
            "min_duration_seconds",
            "max_duration_seconds",
            "with_orchestra",
            "repertoire_may_repeat",
            "requirements",
        ]

    def get_min_duration_seconds(self, round_: Round) -> int | None:
        return int(round_.min_duration.total_seconds()) if round_.min_duration else None

    def get_max_duration_seconds(self, round_: Round) -> int | None:
        return int(round_.max_duration.total_seconds()) if round_.max_duration else None
