"""Durations; sections refer to docs/algorithms/repertoire.md."""

import datetime as dt

import pytest

from concours.repertoire import (
    DurationErrorCode,
    DurationFormatError,
    format_duration,
    parse_duration,
    seconds_of,
)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (5, "0:05"),
        (270, "4:30"),
        (1500, "25:00"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3725, "1:02:05"),
        (36000, "10:00:00"),
    ],
)
def test_format_duration_uses_m_ss_below_an_hour(seconds, text):  # §2.1
    assert format_duration(seconds) == text


def test_format_duration_rejects_negative_seconds():  # §2.1
    with pytest.raises(ValueError, match="cannot be negative"):
        format_duration(-1)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("4:30", 270),
        ("04:30", 270),
        ("0:01", 1),
        ("25:00", 1500),
        ("75:00", 4500),
        ("1:02:05", 3725),
        ("01:02:05", 3725),
        ("0:59:59", 3599),
        (" 4:30\t", 270),
        ("４：３０", 270),  # full-width, as a Chinese input method types them
    ],
)
def test_parse_duration_reads_m_ss_and_h_mm_ss(text, seconds):  # §2.2
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", DurationErrorCode.EMPTY, "Enter a duration as minutes and seconds, such as 4:30."),
        ("   ", DurationErrorCode.EMPTY, "Enter a duration as minutes and seconds, such as 4:30."),
        (
            "25",
            DurationErrorCode.NO_COLON,
            "“25” has no colon: write minutes and seconds, such as 25:00 for 25 minutes.",
        ),
        (
            "1:00:00:00",
            DurationErrorCode.TOO_MANY_PARTS,
            "“1:00:00:00” has too many parts: write m:ss or h:mm:ss, such as 4:30 or 1:04:30.",
        ),
        ("-1:00", DurationErrorCode.NEGATIVE, "“-1:00” is negative; a duration must be positive."),
        ("−1:00", DurationErrorCode.NEGATIVE, "“−1:00” is negative; a duration must be positive."),
        (
            "25 min",
            DurationErrorCode.NOT_A_NUMBER,
            "“25 min” is not a duration: use digits and colons only, such as 4:30.",
        ),
        (
            "4.30",
            DurationErrorCode.NOT_A_NUMBER,
            "“4.30” is not a duration: use digits and colons only, such as 4:30.",
        ),
        (
            "+4:30",
            DurationErrorCode.NOT_A_NUMBER,
            "“+4:30” is not a duration: use digits and colons only, such as 4:30.",
        ),
        (
            "4:",
            DurationErrorCode.EMPTY_PART,
            "“4:” has a colon with no number beside it; write m:ss, such as 4:30.",
        ),
        (
            ":30",
            DurationErrorCode.EMPTY_PART,
            "“:30” has a colon with no number beside it; write m:ss, such as 4:30.",
        ),
        (
            "3:5",
            DurationErrorCode.SECONDS_TWO_DIGITS,
            "In “3:5” the seconds need two digits, such as 4:05.",
        ),
        (
            "3:050",
            DurationErrorCode.SECONDS_TWO_DIGITS,
            "In “3:050” the seconds need two digits, such as 4:05.",
        ),
        (
            "1:5:00",
            DurationErrorCode.MINUTES_TWO_DIGITS,
            "In “1:5:00” the minutes after the hours need two digits, such as 1:05:00.",
        ),
        (
            "3:75",
            DurationErrorCode.SECONDS_OUT_OF_RANGE,
            "In “3:75” the seconds are more than 59; a minute has 60 seconds (00 to 59).",
        ),
        (
            "1:75:00",
            DurationErrorCode.MINUTES_OUT_OF_RANGE,
            "In “1:75:00” the minutes after the hours are more than 59; write h:mm:ss with "
            "minutes 00 to 59.",
        ),
        (
            "0:00",
            DurationErrorCode.ZERO,
            "“0:00” is no time at all; a duration must be longer than 0:00.",
        ),
        (
            "0:00:00",
            DurationErrorCode.ZERO,
            "“0:00:00” is no time at all; a duration must be longer than 0:00.",
        ),
    ],
)
def test_parse_duration_says_exactly_what_is_wrong(text, code, message):  # §2.3
    with pytest.raises(DurationFormatError) as caught:
        parse_duration(text)
    assert caught.value.code == code
    assert str(caught.value) == message
    assert dict(caught.value.params) == {"text": text.strip()}


def test_duration_format_error_is_a_value_error():  # §2.3
    with pytest.raises(ValueError, match="no colon"):
        parse_duration("25")


def test_seconds_of_a_rule_duration():  # §2.4
    assert seconds_of(dt.timedelta(minutes=25)) == 1500
    assert seconds_of(dt.timedelta(days=1, seconds=5)) == 86_405


def test_seconds_of_rejects_negative_and_fractional_durations():  # §2.4
    with pytest.raises(ValueError, match="negative"):
        seconds_of(dt.timedelta(seconds=-1))
    with pytest.raises(ValueError, match="whole number of seconds"):
        seconds_of(dt.timedelta(seconds=1, milliseconds=500))
