"""The Schoenfeld violin rounds and the programmes of the spec's worked examples (§11).

Numbers as in the demo data (``concours/demo/schoenfeld.py``): the pre-selection is round 1, so
“Round 1” is round number 2, “Round 2” number 3 and the “Final” number 4.
"""

from concours.repertoire import Piece, Requirement, RoundRules, parse_duration

ROUND_1 = RoundRules(
    number=2,
    name="Round 1",
    min_duration=20 * 60,
    max_duration=25 * 60,
    requirements=(
        Requirement(category="paganini-caprice"),
        Requirement(category="bach-solo", min_count=2, max_count=2),
        Requirement(category="virtuoso-piece"),
    ),
)
ROUND_2 = RoundRules(
    number=3,
    name="Round 2",
    min_duration=40 * 60,
    max_duration=50 * 60,
    requirements=(
        Requirement(category="sonata"),
        Requirement(category="virtuoso-piece"),
        Requirement(category="chinese-commission"),
    ),
)
FINAL = RoundRules(
    number=4,
    name="Final",
    min_duration=25 * 60,
    max_duration=45 * 60,
    requirements=(Requirement(category="concerto"),),
)
ROUNDS = (ROUND_1, ROUND_2, FINAL)

#: The edition's categories (those of the demo data that the violin division uses).
CATEGORIES = frozenset(
    {
        "paganini-caprice",
        "bach-solo",
        "virtuoso-piece",
        "sonata",
        "chinese-commission",
        "concerto",
    }
)


def piece(composer, work, movements, duration, *categories):
    return Piece(
        composer=composer,
        work=work,
        movements=movements,
        duration=parse_duration(duration) if duration else None,
        categories=frozenset(categories),
    )


# §11.1: a round 1 programme that meets every rule (22:50).
CAPRICE_24 = piece("Paganini", "Caprice No. 24 in A minor, Op. 1", "", "4:50", "paganini-caprice")
ADAGIO = piece("J. S. Bach", "Sonata No. 1 in G minor, BWV 1001", "Adagio", "4:10", "bach-solo")
FUGA = piece("J. S. Bach", "Sonata No. 1 in G minor, BWV 1001", "Fuga", "5:20", "bach-solo")
ZIGEUNERWEISEN = piece("Sarasate", "Zigeunerweisen, Op. 20", "", "8:30", "virtuoso-piece")
ROUND_1_GOOD = (CAPRICE_24, ADAGIO, FUGA, ZIGEUNERWEISEN)

# §11.2: no caprice, and 27:40 in all.
CHACONNE = piece(
    "J. S. Bach", "Partita No. 2 in D minor, BWV 1004", "Chaconne", "14:00", "bach-solo"
)
GIGUE = piece("J. S. Bach", "Partita No. 2 in D minor, BWV 1004", "Gigue", "4:10", "bach-solo")
TZIGANE = piece("Ravel", "Tzigane", "", "9:30", "virtuoso-piece")
ROUND_1_NO_CAPRICE = (CHACONNE, GIGUE, TZIGANE)

# §11.3: round 2, with the virtuoso piece of round 1 typed again differently.
FRANCK = piece("Franck", "Sonata in A major", "", "28:00", "sonata")
TZIGANE_AGAIN = piece("RAVEL", "Tzigane.", "", "9:30", "virtuoso-piece")
COMMISSION = piece("N. N.", "Commissioned work (2025)", "", "8:00", "chinese-commission")
ROUND_2_REPEAT = (FRANCK, TZIGANE_AGAIN, COMMISSION)

# §11.4: the commissioned work tagged as the virtuoso piece too.
COMMISSION_VIRTUOSO = piece(
    "N. N.", "Commissioned work (2025)", "", "8:00", "chinese-commission", "virtuoso-piece"
)
ROUND_2_DOUBLE_TAG = (FRANCK, COMMISSION_VIRTUOSO)

# §11.5: a final with the concerto twice, one without a duration, tagged with a wrong code.
TCHAIKOVSKY = piece("Tchaikovsky", "Violin Concerto in D major, Op. 35", "", "34:00", "concerto")
TCHAIKOVSKY_AGAIN = piece(
    "tchaikovsky",
    "Violin concerto in D major op. 35",
    "",
    "",
    "concerto",
    "encore",
)
FINAL_MUDDLED = (TCHAIKOVSKY, TCHAIKOVSKY_AGAIN)
