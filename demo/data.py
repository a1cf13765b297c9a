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


# Connections (each also makes both follow each other, R7). Seen from the demo sign-in,
# lena-hoffmann: first degree around her, second and third degree further out, and a cluster
# beyond three hops (out of network). emma-fischer and jan-meier hide their connections.
CONNECTIONS: list[tuple[str, str]] = [
    ("lena-hoffmann", "jonas-weber"),
    ("lena-hoffmann", "mira-schulz"),
    ("lena-hoffmann", "felix-braun"),
    ("lena-hoffmann", "sofia-keller"),
    ("lena-hoffmann", "paul-wagner"),
    ("lena-hoffmann", "emma-fischer"),
    ("jonas-weber", "mira-schulz"),
    ("jonas-weber", "clara-richter"),
    ("jonas-weber", "elias-koch"),
    ("mira-schulz", "clara-richter"),
    ("mira-schulz", "marie-klein"),
    ("mira-schulz", "ben-schmitt"),
    ("felix-braun", "lea-zimmermann"),
    ("felix-braun", "elias-koch"),
    ("sofia-keller", "hannah-wolf"),
    ("paul-wagner", "lukas-neumann"),
    ("emma-fischer", "jan-meier"),
    ("emma-fischer", "sarah-lehmann"),
    ("clara-richter", "tim-krueger"),
    ("marie-klein", "anna-hartmann"),
    ("lea-zimmermann", "david-lange"),
    ("jan-meier", "noah-becker"),
    ("david-lange", "julia-schmid"),
    ("julia-schmid", "max-werner"),
    ("max-werner", "laura-krause"),
    ("laura-krause", "simon-peters"),
    ("johanna-scholz", "leon-moeller"),
    ("leon-moeller", "amelie-weiss"),
    ("philipp-jung", "niklas-vogel"),
    ("niklas-vogel", "lina-friedrich"),
    ("jakob-keller", "ella-guenther"),
    ("finn-berger", "mia-frank"),
    ("mia-frank", "luca-roth"),
    ("emilia-beck", "henry-lorenz"),
    ("ida-baumann", "oskar-franke"),
    ("karl-schuster", "greta-simon"),
    ("marlene-boehm", "theo-winter"),
    ("nina-huber", "katharina-fuchs"),
]

# One-way follows (R13): the members with the FOLLOW button gather followers.
FOLLOWS: list[tuple[str, str]] = [
    (follower, star)
    for star, followers in {
        "nina-huber": [
            "lena-hoffmann",
            "jonas-weber",
            "mira-schulz",
            "tim-krueger",
            "ella-guenther",
            "finn-berger",
            "mia-frank",
            "ida-baumann",
            "greta-simon",
            "luca-roth",
        ],
        "charlotte-hahn": ["lena-hoffmann", "sofia-keller", "julia-schmid", "leon-moeller"],
        "moritz-kaiser": ["jonas-weber", "elias-koch", "simon-peters", "anton-ludwig"],
        "katharina-fuchs": ["anna-hartmann", "marlene-boehm"],
    }.items()
    for follower in followers
]

# Pending invitations (inviter, invitee, message, ignored by the invitee).
INVITATIONS: list[tuple[str, str, str | None, bool]] = [
    ("tom-schmitz", "lena-hoffmann", "We met at the graph meetup in Leipzig.", False),
    ("hannah-wolf", "lena-hoffmann", None, False),
    ("lukas-neumann", "lena-hoffmann", "Let's connect!", True),
    ("lena-hoffmann", "simon-peters", "Loved your talk on query plans.", False),
    ("lena-hoffmann", "clara-richter", None, False),
]

# (blocker, blocked)
BLOCKS: list[tuple[str, str]] = [("lena-hoffmann", "anton-ludwig")]


# handle, name, description, admins, followers, employees
COMPANIES: list[tuple[str, str, str, list[str], list[str], list[str]]] = [
    (
        "nordlicht-labs",
        "Nordlicht Labs",
        "Graph databases for the relationship layer.",
        ["lena-hoffmann"],
        ["jonas-weber", "mira-schulz", "felix-braun", "tim-krueger"],
        ["lena-hoffmann", "felix-braun"],
    ),
    (
        "kiefer-co",
        "Kiefer & Co",
        "Software for forests and the people who keep them.",
        ["emma-fischer"],
        ["lena-hoffmann", "jan-meier", "sarah-lehmann"],
        ["emma-fischer", "jan-meier"],
    ),
    (
        "wolkenwerk",
        "Wolkenwerk",
        "Cloud platforms, built in Dresden.",
        ["anna-hartmann"],
        ["lena-hoffmann", "marie-klein", "niklas-vogel"],
        ["anna-hartmann"],
    ),
]

# key, author handle (a member, or a company's handle), text, audience, hours ago, shared key
POSTS: list[tuple[str, str, str, str, int, str | None]] = [
    (
        "nina-1",
        "nina-huber",
        "Leadership is mostly listening. Three lessons from this year.",
        "ANYONE",
        2,
        None,
    ),
    (
        "jonas-1",
        "jonas-weber",
        "Our graph import is down from an hour to six minutes.",
        "ANYONE",
        5,
        None,
    ),
    (
        "jonas-2",
        "jonas-weber",
        "Team offsite next week: who wants to present?",
        "CONNECTIONS",
        7,
        None,
    ),
    ("mira-1", "mira-schulz", "Hiring two backend engineers in Leipzig.", "ANYONE", 12, None),
    (
        "charlotte-1",
        "charlotte-hahn",
        "New podcast episode: careers in open source.",
        "ANYONE",
        20,
        None,
    ),
    ("nordlicht-1", "nordlicht-labs", "We released Vernetzt 1.0 today.", "ANYONE", 26, None),
    ("kiefer-1", "kiefer-co", "Kiefer & Co opens an office in Hamburg.", "ANYONE", 30, None),
    (
        "felix-1",
        "felix-braun",
        "Worth reading for anyone who manages people.",
        "ANYONE",
        33,
        "nina-1",
    ),
    (
        "lena-1",
        "lena-hoffmann",
        "Looking for speakers for the Leipzig graph meetup.",
        "ANYONE",
        40,
        None,
    ),
    (
        "sofia-1",
        "sofia-keller",
        "Notes from twenty user interviews, for my connections.",
        "CONNECTIONS",
        48,
        None,
    ),
    ("tim-1", "tim-krueger", "Platform teams should publish their SLOs.", "ANYONE", 60, None),
    ("wolkenwerk-1", "wolkenwerk", "Wolkenwerk is hiring SREs.", "ANYONE", 72, None),
]

# sender, recipient, kind, subject, body, hours ago
MESSAGES: list[tuple[str, str, str, str | None, str, int]] = [
    ("jonas-weber", "lena-hoffmann", "DIRECT", None, "Coffee on Friday?", 30),
    ("lena-hoffmann", "jonas-weber", "DIRECT", None, "Gladly, 10 o'clock at the usual place.", 29),
    (
        "katharina-fuchs",
        "lena-hoffmann",
        "INMAIL",
        "Seed round",
        "I'd like to hear more about Nordlicht Labs.",
        10,
    ),
    ("mira-schulz", "lena-hoffmann", "DIRECT", None, "Can you review my talk proposal?", 3),
]
