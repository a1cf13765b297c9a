"""A small fictional network. Every demo member signs in with DEMO_PASSWORD."""

from __future__ import annotations

from typing import Any

DEMO_PASSWORD = "vernetzt-demo-password"  # noqa: S105 (public on purpose: it is demo data)
DEMO_SIGN_IN = "lena.hoffmann@example.org"

# handle, name, headline
PEOPLE: list[tuple[str, str, str]] = [
    ("lena-hoffmann", "Lena Hoffmann", "Product engineer at Nordlicht Labs"),
    ("jonas-weber", "Jonas Weber", "Backend developer, graph databases"),
    ("mira-schulz", "Mira Schulz", "Engineering manager"),
    ("felix-braun", "Felix Braun", "Data scientist"),
    ("sofia-keller", "Sofia Keller", "UX researcher"),
    ("paul-wagner", "Paul Wagner", "Site reliability engineer"),
    ("emma-fischer", "Emma Fischer", "CTO at Kiefer & Co"),
    ("noah-becker", "Noah Becker", "Student of computer science"),
    ("hannah-wolf", "Hannah Wolf", "Recruiter for engineering teams"),
    ("lukas-neumann", "Lukas Neumann", "Security engineer"),
    ("clara-richter", "Clara Richter", "Frontend developer"),
    ("elias-koch", "Elias Koch", "Machine learning engineer"),
    ("marie-klein", "Marie Klein", "Product manager"),
    ("ben-schmitt", "Ben Schmitt", "Mobile developer"),
    ("lea-zimmermann", "Lea Zimmermann", "Technical writer"),
    ("tim-krueger", "Tim Krüger", "Platform engineer"),
    ("anna-hartmann", "Anna Hartmann", "Founder, Wolkenwerk"),
    ("david-lange", "David Lange", "QA engineer"),
    ("julia-schmid", "Julia Schmid", "Designer"),
    ("max-werner", "Max Werner", "DevOps consultant"),
    ("laura-krause", "Laura Krause", "Data engineer"),
    ("jan-meier", "Jan Meier", "Software architect"),
    ("sarah-lehmann", "Sarah Lehmann", "Head of people"),
    ("tom-schmitz", "Tom Schmitz", "Sales engineer"),
    ("nina-huber", "Nina Huber", "Keynote speaker on leadership"),
    ("moritz-kaiser", "Moritz Kaiser", "Open-source maintainer"),
    ("katharina-fuchs", "Katharina Fuchs", "Investor"),
    ("simon-peters", "Simon Peters", "Database administrator"),
    ("johanna-scholz", "Johanna Scholz", "Agile coach"),
    ("leon-moeller", "Leon Möller", "Game developer"),
    ("amelie-weiss", "Amelie Weiß", "Bioinformatician"),
    ("philipp-jung", "Philipp Jung", "Embedded developer"),
    ("charlotte-hahn", "Charlotte Hahn", "Author and podcaster"),
    ("niklas-vogel", "Niklas Vogel", "Cloud architect"),
    ("lina-friedrich", "Lina Friedrich", "Accessibility specialist"),
    ("jakob-keller", "Jakob Keller", "Junior developer"),
    ("ella-guenther", "Ella Günther", "Marketing lead"),
    ("finn-berger", "Finn Berger", "Support engineer"),
    ("mia-frank", "Mia Frank", "Researcher in distributed systems"),
    ("luca-roth", "Luca Roth", "Freelance developer"),
    ("emilia-beck", "Emilia Beck", "Data analyst"),
    ("henry-lorenz", "Henry Lorenz", "Hardware engineer"),
    ("ida-baumann", "Ida Baumann", "Operations manager"),
    ("oskar-franke", "Oskar Franke", "Student of mathematics"),
    ("frieda-albrecht", "Frieda Albrecht", "Legal counsel for tech"),
    ("karl-schuster", "Karl Schuster", "Retired engineer, mentor"),
    ("greta-simon", "Greta Simon", "Community manager"),
    ("anton-ludwig", "Anton Ludwig", "Performance engineer"),
    ("marlene-boehm", "Marlene Böhm", "Chief product officer"),
    ("theo-winter", "Theo Winter", "Privacy engineer"),
]

# Settings that differ from the defaults: who chose the FOLLOW button (R1), who hides their
# connections (R11), who asks for the e-mail (R5), who lets only connections follow (R13), who
# has an open profile or refuses InMail (R16).
SETTINGS: dict[str, dict[str, Any]] = {
    "nina-huber": {"primaryButton": "FOLLOW", "openProfile": True},
    "charlotte-hahn": {"primaryButton": "FOLLOW"},
    "katharina-fuchs": {"primaryButton": "FOLLOW", "invitationPolicy": "KNOWS_EMAIL"},
    "moritz-kaiser": {"primaryButton": "FOLLOW"},
    "emma-fischer": {"connectionsVisibility": "ONLY_ME"},
    "jan-meier": {"connectionsVisibility": "ONLY_ME"},
    "frieda-albrecht": {"connectionsVisibility": "ONLY_ME", "acceptsInMail": False},
    "sarah-lehmann": {"invitationPolicy": "KNOWS_EMAIL"},
    "theo-winter": {"whoCanFollow": "CONNECTIONS", "invitationPolicy": "KNOWS_EMAIL"},
    "karl-schuster": {"openProfile": True},
}


def email_of(handle: str) -> str:
    return handle.replace("-", ".") + "@example.org"
