"""Programmes for the demo's Schoenfeld applications: real works, plausible durations.

Each round of each division has a few alternative programmes that meet the round's requirements
(``schoenfeld._string_rounds`` and ``_chamber_rounds``): the right categories in the right
numbers and a total inside the round's duration window. A candidate takes one programme per
round; the works of different rounds never overlap, so no piece repeats an earlier round.
Durations are typical performance lengths, rounded. The newly commissioned Chinese work is not
written yet when candidates apply (its score is sent four weeks before the competition), so its
title is invented and its duration is the commission's announced length.
"""

from __future__ import annotations

from concours.demo.specs import PieceSpec
from concours.repertoire import parse_duration


def _piece(
    composer: str, work: str, duration: str, *categories: str, movements: str = ""
) -> PieceSpec:
    return PieceSpec(composer, work, parse_duration(duration), tuple(categories), movements)


# --- Violin -----------------------------------------------------------------------------------


def _caprice(number: int, key: str, duration: str, nickname: str = "") -> PieceSpec:
    name = f"Caprice No. {number} in {key}, op. 1 No. {number}"
    return _piece(
        "Niccolò Paganini",
        f"{name} “{nickname}”" if nickname else name,
        duration,
        "paganini-caprice",
    )


def _bach_violin(work: str, movement: str, duration: str) -> PieceSpec:
    return _piece("Johann Sebastian Bach", work, duration, "bach-solo", movements=movement)


BWV_1001 = "Sonata No. 1 in G minor for solo violin, BWV 1001"
BWV_1002 = "Partita No. 1 in B minor for solo violin, BWV 1002"
BWV_1003 = "Sonata No. 2 in A minor for solo violin, BWV 1003"
BWV_1004 = "Partita No. 2 in D minor for solo violin, BWV 1004"
BWV_1005 = "Sonata No. 3 in C major for solo violin, BWV 1005"
BWV_1006 = "Partita No. 3 in E major for solo violin, BWV 1006"


def _ysaye(number: int, key: str, duration: str, nickname: str = "") -> PieceSpec:
    name = f"Sonata for solo violin No. {number} in {key}, op. 27 No. {number}"
    return _piece(
        "Eugène Ysaÿe",
        f"{name} “{nickname}”" if nickname else name,
        duration,
        "virtuoso-piece",
    )


VIOLIN_ROUND_1 = (
    (
        _caprice(24, "A minor", "4:45"),
        _bach_violin(BWV_1001, "Adagio", "4:00"),
        _bach_violin(BWV_1001, "Fuga. Allegro", "5:20"),
        _ysaye(3, "D minor", "7:00", "Ballade"),
    ),
    (
        _caprice(17, "E-flat major", "3:40"),
        _bach_violin(BWV_1004, "Allemanda", "4:30"),
        _bach_violin(BWV_1004, "Giga", "4:00"),
        _ysaye(5, "G major", "10:00"),
    ),
    (
        _caprice(5, "A minor", "2:45"),
        _bach_violin(BWV_1003, "Grave", "4:30"),
        _bach_violin(BWV_1003, "Fuga", "7:30"),
        _ysaye(6, "E major", "7:30"),
    ),
    (
        _caprice(21, "A major", "3:30"),
        _bach_violin(BWV_1005, "Adagio", "4:30"),
        _bach_violin(BWV_1005, "Fuga", "10:00"),
        _piece(
            "Heinrich Wilhelm Ernst",
            "Polyphonic Study No. 6 (Variations on “The Last Rose of Summer”)",
            "6:50",
            "virtuoso-piece",
        ),
    ),
    (
        _caprice(11, "C major", "4:30"),
        _bach_violin(BWV_1006, "Preludio", "3:40"),
        _bach_violin(BWV_1006, "Gavotte en Rondeau", "3:00"),
        _ysaye(4, "E minor", "11:30"),
    ),
    (
        _caprice(13, "B-flat major", "2:40"),
        _bach_violin(BWV_1002, "Allemanda", "5:30"),
        _bach_violin(BWV_1002, "Corrente", "3:00"),
        _ysaye(2, "A minor", "12:30"),
    ),
)

VIOLIN_COMMISSION = _piece(
    "Schoenfeld 2027 commission (composer announced with the score)",
    "“Snow over the Songhua”, new work for violin and piano",
    "9:00",
    "chinese-commission",
)


def _violin_round_2(
    composer: str, sonata: str, sonata_duration: str, virtuoso: PieceSpec
) -> tuple[PieceSpec, ...]:
    return (
        _piece(composer, sonata, sonata_duration, "sonata"),
        virtuoso,
        VIOLIN_COMMISSION,
    )


TZIGANE = _piece("Maurice Ravel", "Tzigane, rapsodie de concert", "10:00", "virtuoso-piece")
VIOLIN_ROUND_2 = (
    _violin_round_2("César Franck", "Violin Sonata in A major, FWV 8", "28:00", TZIGANE),
    _violin_round_2(
        "Johannes Brahms",
        "Violin Sonata No. 3 in D minor, op. 108",
        "21:30",
        _piece("Franz Waxman", "Carmen Fantasy", "11:00", "virtuoso-piece"),
    ),
    _violin_round_2(
        "Sergei Prokofiev",
        "Violin Sonata No. 2 in D major, op. 94a",
        "24:00",
        _piece(
            "Camille Saint-Saëns",
            "Introduction and Rondo capriccioso, op. 28",
            "9:30",
            "virtuoso-piece",
        ),
    ),
    _violin_round_2(
        "Ludwig van Beethoven",
        "Violin Sonata No. 7 in C minor, op. 30 No. 2",
        "26:00",
        _piece("Pablo de Sarasate", "Zigeunerweisen, op. 20", "8:45", "virtuoso-piece"),
    ),
    _violin_round_2(
        "Richard Strauss",
        "Violin Sonata in E-flat major, op. 18",
        "28:00",
        _piece(
            "Henryk Wieniawski",
            "Polonaise brillante No. 1 in D major, op. 4",
            "5:30",
            "virtuoso-piece",
        ),
    ),
    _violin_round_2("Edvard Grieg", "Violin Sonata No. 3 in C minor, op. 45", "24:00", TZIGANE),
)

VIOLIN_FINAL = tuple(
    (_piece(composer, work, duration, "concerto"),)
    for composer, work, duration in (
        ("Jean Sibelius", "Violin Concerto in D minor, op. 47", "31:00"),
        ("Pyotr Ilyich Tchaikovsky", "Violin Concerto in D major, op. 35", "34:00"),
        ("Johannes Brahms", "Violin Concerto in D major, op. 77", "39:00"),
        ("Ludwig van Beethoven", "Violin Concerto in D major, op. 61", "43:00"),
        ("Dmitri Shostakovich", "Violin Concerto No. 1 in A minor, op. 77", "36:00"),
        ("Antonín Dvořák", "Violin Concerto in A minor, op. 53", "32:00"),
        ("Felix Mendelssohn", "Violin Concerto in E minor, op. 64", "26:30"),
        ("Sergei Prokofiev", "Violin Concerto No. 2 in G minor, op. 63", "26:00"),
    )
)

# --- Cello ------------------------------------------------------------------------------------


def _popper(number: int, duration: str) -> PieceSpec:
    return _piece(
        "David Popper",
        f"Étude No. {number} from High School of Cello Playing, op. 73",
        duration,
        "popper-piatti",
    )


def _piatti(number: int, duration: str) -> PieceSpec:
    return _piece(
        "Alfredo Piatti",
        f"Caprice No. {number} from 12 Caprices, op. 25",
        duration,
        "popper-piatti",
    )


BWV_1009 = "Suite No. 3 in C major for solo cello, BWV 1009"
BWV_1010 = "Suite No. 4 in E-flat major for solo cello, BWV 1010"
BWV_1011 = "Suite No. 5 in C minor for solo cello, BWV 1011"
BWV_1012 = "Suite No. 6 in D major for solo cello, BWV 1012"


def _suite(work: str, prelude: str, movement: str, duration: str) -> tuple[PieceSpec, PieceSpec]:
    """The prelude of a Bach suite and another movement of the same suite."""
    return (
        _piece("Johann Sebastian Bach", work, prelude, "bach-suite-prelude", movements="Prélude"),
        _piece("Johann Sebastian Bach", work, duration, "bach-suite-movement", movements=movement),
    )


CELLO_ROUND_1 = (
    (
        _popper(13, "2:45"),
        *_suite(BWV_1012, "4:50", "Allemande", "7:30"),
        _piece("David Popper", "Hungarian Rhapsody, op. 68", "8:30", "virtuoso-piece"),
    ),
    (
        _piatti(7, "3:30"),
        *_suite(BWV_1009, "3:40", "Sarabande", "4:10"),
        _piece(
            "Zoltán Kodály",
            "Sonata for solo cello, op. 8",
            "9:30",
            "virtuoso-piece",
            movements="III. Allegro molto vivace",
        ),
    ),
    (
        _piatti(12, "4:00"),
        *_suite(BWV_1011, "6:30", "Sarabande", "3:30"),
        _piece(
            "Niccolò Paganini",
            "Variations on one string on a theme from Rossini's “Mosè”",
            "8:00",
            "virtuoso-piece",
        ),
    ),
    (
        _popper(38, "3:10"),
        *_suite(BWV_1010, "4:30", "Sarabande", "4:20"),
        _piece("György Ligeti", "Sonata for solo cello", "8:30", "virtuoso-piece"),
    ),
    (
        _popper(19, "2:50"),
        *_suite(BWV_1009, "3:40", "Bourrée I and II", "3:50"),
        _piece("Adrien-François Servais", "Souvenir de Spa, op. 2", "12:00", "virtuoso-piece"),
    ),
)

CELLO_COMMISSION = _piece(
    "Schoenfeld 2027 commission (composer announced with the score)",
    "“Ice Lantern Night”, new work for cello and piano",
    "9:00",
    "chinese-commission",
)


def _cello_round_2(
    composer: str, sonata: str, sonata_duration: str, virtuoso: PieceSpec
) -> tuple[PieceSpec, ...]:
    return (_piece(composer, sonata, sonata_duration, "sonata"), virtuoso, CELLO_COMMISSION)


PEZZO = _piece("Pyotr Ilyich Tchaikovsky", "Pezzo capriccioso, op. 62", "7:00", "virtuoso-piece")
CELLO_ROUND_2 = (
    _cello_round_2("Johannes Brahms", "Cello Sonata No. 1 in E minor, op. 38", "26:00", PEZZO),
    _cello_round_2(
        "Sergei Rachmaninoff",
        "Cello Sonata in G minor, op. 19",
        "34:00",
        _piece("David Popper", "Elfentanz, op. 39", "3:10", "virtuoso-piece"),
    ),
    _cello_round_2(
        "Dmitri Shostakovich",
        "Cello Sonata in D minor, op. 40",
        "28:00",
        _piece("Camille Saint-Saëns", "Allegro appassionato, op. 43", "3:45", "virtuoso-piece"),
    ),
    _cello_round_2(
        "Frédéric Chopin",
        "Cello Sonata in G minor, op. 65",
        "29:00",
        _piece("Karl Davydov", "At the Fountain, op. 20 No. 2", "3:15", "virtuoso-piece"),
    ),
    _cello_round_2("Johannes Brahms", "Cello Sonata No. 2 in F major, op. 99", "28:00", PEZZO),
)

CELLO_FINAL = tuple(
    (_piece(composer, work, duration, "concerto"),)
    for composer, work, duration in (
        ("Antonín Dvořák", "Cello Concerto in B minor, op. 104", "40:00"),
        ("Edward Elgar", "Cello Concerto in E minor, op. 85", "30:00"),
        ("Dmitri Shostakovich", "Cello Concerto No. 1 in E-flat major, op. 107", "28:00"),
        ("Joseph Haydn", "Cello Concerto No. 2 in D major, Hob. VIIb:2", "26:00"),
        ("Robert Schumann", "Cello Concerto in A minor, op. 129", "25:30"),
    )
)

# --- Chamber music ----------------------------------------------------------------------------

#: The ensembles of the demo: instruments in order (the applying candidate plays the first).
PIANO_TRIO = ("violin", "cello", "piano")
STRING_QUARTET = ("violin", "violin", "viola", "cello")

TRIO_ROUND_1 = (
    (
        _piece("Joseph Haydn", "Piano Trio in G major, Hob. XV:25 “Gypsy”", "14:30", "classical-chamber"),
        _piece("Dmitri Shostakovich", "Piano Trio No. 2 in E minor, op. 67", "25:00", "romantic-modern-chamber"),
    ),
    (
        _piece("Wolfgang Amadeus Mozart", "Piano Trio in B-flat major, K. 502", "24:00", "classical-chamber"),
        _piece("Dmitri Shostakovich", "Piano Trio No. 1 in C minor, op. 8", "12:30", "romantic-modern-chamber"),
    ),
    (
        _piece("Ludwig van Beethoven", "Piano Trio in D major, op. 70 No. 1 “Ghost”", "26:00", "classical-chamber"),
        _piece("Dmitri Shostakovich", "Piano Trio No. 1 in C minor, op. 8", "12:30", "romantic-modern-chamber"),
    ),
)  # fmt: skip

TRIO_COMMISSION = _piece(
    "Schoenfeld 2027 commission (composer announced with the score)",
    "“Northern Lights over Harbin”, new work for piano trio",
    "10:00",
    "chinese-commission",
)
TRIO_FINAL = tuple(
    (TRIO_COMMISSION, _piece(composer, work, duration, "major-chamber-work"))
    for composer, work, duration in (
        ("Pyotr Ilyich Tchaikovsky", "Piano Trio in A minor, op. 50", "47:00"),
        ("Johannes Brahms", "Piano Trio No. 1 in B major, op. 8", "36:00"),
        ("Ludwig van Beethoven", "Piano Trio in B-flat major, op. 97 “Archduke”", "40:00"),
        ("Franz Schubert", "Piano Trio No. 2 in E-flat major, D 929", "44:00"),
    )
)

QUARTET_ROUND_1 = (
    (
        _piece("Joseph Haydn", "String Quartet in B-flat major, op. 76 No. 4 “Sunrise”", "22:00", "classical-chamber"),
        _piece("Leoš Janáček", "String Quartet No. 1 “Kreutzer Sonata”", "17:30", "romantic-modern-chamber"),
    ),
    (
        _piece("Ludwig van Beethoven", "String Quartet in C minor, op. 18 No. 4", "24:00", "classical-chamber"),
        _piece("Béla Bartók", "String Quartet No. 3, Sz. 85", "15:00", "romantic-modern-chamber"),
    ),
    (
        _piece("Wolfgang Amadeus Mozart", "String Quartet in D minor, K. 421", "26:00", "classical-chamber"),
        _piece("Anton Webern", "Langsamer Satz for string quartet", "10:00", "romantic-modern-chamber"),
    ),
)  # fmt: skip

QUARTET_COMMISSION = _piece(
    "Schoenfeld 2027 commission (composer announced with the score)",
    "“Sun Island”, new work for string quartet",
    "10:00",
    "chinese-commission",
)
QUARTET_FINAL = tuple(
    (QUARTET_COMMISSION, _piece(composer, work, duration, "major-chamber-work"))
    for composer, work, duration in (
        ("Franz Schubert", "String Quartet in D minor, D 810 “Death and the Maiden”", "40:00"),
        ("Ludwig van Beethoven", "String Quartet in C-sharp minor, op. 131", "39:00"),
        ("Franz Schubert", "String Quartet in G major, D 887", "45:00"),
    )
)

#: Alternative programmes per round number (the pre-selection, round 1, asks for none).
PROGRAMMES: dict[str, dict[int, tuple[tuple[PieceSpec, ...], ...]]] = {
    "violin": {2: VIOLIN_ROUND_1, 3: VIOLIN_ROUND_2, 4: VIOLIN_FINAL},
    "cello": {2: CELLO_ROUND_1, 3: CELLO_ROUND_2, 4: CELLO_FINAL},
    "piano-trio": {2: TRIO_ROUND_1, 3: TRIO_FINAL},
    "string-quartet": {2: QUARTET_ROUND_1, 3: QUARTET_FINAL},
}


def programme_kind(division: str, instruments: tuple[str, ...] = ()) -> str:
    """The key of ``PROGRAMMES`` for a division (and an ensemble's instruments)."""
    if division != "chamber-music":
        return division
    return "piano-trio" if instruments == PIANO_TRIO else "string-quartet"
