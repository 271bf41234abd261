"""What the demo candidates are made of: names, titles, companies, cities, tags, pools, and
the interactions and reminders they get, with how often each comes up."""

from __future__ import annotations

from talentdesk.core.db.enums import (
    CandidateStatus,
    InteractionKind,
    ReminderKind,
    Seniority,
    TagCategory,
)

FIRST_NAMES = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Zofia", "Julia", "Łucja",
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Łukasz", "Jakub",
    "Lena", "Hannah", "Sophie", "Mia", "Emilia", "Jürgen", "Lukas", "Felix", "Jonas",
    "Maximilian", "Niklas", "Björn", "Jörg", "Käthe", "Oliver", "George", "Harry", "James",
    "William", "Thomas", "Charlotte", "Amelia", "Emily", "Olivia", "Isla", "Priya", "Siobhán",
    "Ayşe", "Mehmet", "Chloé", "Zoë", "Renée", "José", "Inês", "Søren", "Ingrid",
)  # fmt: skip
LAST_NAMES = (
    "Nowak", "Kowalski", "Kowalska", "Wiśniewski", "Wiśniewska", "Wójcik", "Kowalczyk",
    "Kamiński", "Kamińska", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski",
    "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski",
    "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski", "Majewski",
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
    "Weiß", "Groß", "Köhler", "Böhm", "Smith", "Jones", "Taylor", "Brown", "Williams",
    "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker",
    "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan",
    "O'Brien", "McKenzie", "Hughes", "Yılmaz", "Öztürk", "García", "Fernández", "Dubois",
)  # fmt: skip
TITLES = (
    ("Software Engineer", Seniority.MID),
    ("Senior Software Engineer", Seniority.SENIOR),
    ("Staff Engineer", Seniority.PRINCIPAL),
    ("Principal Engineer", Seniority.PRINCIPAL),
    ("Junior Developer", Seniority.JUNIOR),
    ("Java Developer", Seniority.MID),
    ("Senior Java Developer", Seniority.SENIOR),
    ("Backend Engineer", Seniority.MID),
    ("Frontend Developer", Seniority.MID),
    ("Full-Stack Developer", Seniority.MID),
    ("Tech Lead", Seniority.LEAD),
    ("Engineering Manager", Seniority.LEAD),
    ("Head of Engineering", Seniority.EXECUTIVE),
    ("CTO", Seniority.EXECUTIVE),
    ("Data Engineer", Seniority.MID),
    ("Senior Data Engineer", Seniority.SENIOR),
    ("Data Scientist", Seniority.MID),
    ("Machine Learning Engineer", Seniority.SENIOR),
    ("DevOps Engineer", Seniority.MID),
    ("Site Reliability Engineer", Seniority.SENIOR),
    ("QA Engineer", Seniority.MID),
    ("Product Manager", Seniority.MID),
    ("Senior Product Manager", Seniority.SENIOR),
    ("Head of Product", Seniority.EXECUTIVE),
    ("Product Designer", Seniority.MID),
    ("Engineering Director", Seniority.EXECUTIVE),
)
COMPANIES = (
    "Wawel Software", "Vistula Systems", "Tatra Cloud", "Kazimierz Consulting", "Smok Commerce",
    "Nowa Huta Logistics", "Sukiennice Bank Tech", "Podgórze Networks", "Błonia Automotive",
    "Rynek HR Tech", "Spree Analytics", "Kreuzberg Mobility", "Nordlicht Versicherung",
    "Tempelhof Logistics", "Grünwerk Energie", "Havelstrom Payments", "Fernsehturm Media",
    "Kiezkauf", "Thames Payments", "Camden Marketplace", "Shoreditch Labs", "Albion Insurance",
    "Canary Ledger", "Brixton Health", "Soho Media Group", "Baltic Games", "Odra Robotics",
    "Elbe Freight", "Pennine Energy", "Clyde Biotech",
)  # fmt: skip
CITIES = (
    ("Kraków", "Poland"), ("Warszawa", "Poland"), ("Wrocław", "Poland"), ("Gdańsk", "Poland"),
    ("Poznań", "Poland"), ("Łódź", "Poland"), ("Berlin", "Germany"), ("München", "Germany"),
    ("Hamburg", "Germany"), ("Köln", "Germany"), ("Leipzig", "Germany"),
    ("Düsseldorf", "Germany"), ("London", "United Kingdom"), ("Manchester", "United Kingdom"),
    ("Edinburgh", "United Kingdom"), ("Bristol", "United Kingdom"),
)  # fmt: skip
SKILL_TAGS = (
    "Java", "Kotlin", "Scala", "Python", "Go", "Rust", "C#", "C++", "TypeScript", "JavaScript",
    "React", "Angular", "Vue", "Node.js", "Spring Boot", "Django", "SQL", "PostgreSQL",
    "Kafka", "Spark", "Airflow", "dbt", "Snowflake", "AWS", "GCP", "Azure", "Kubernetes",
    "Terraform", "Docker", "Machine learning", "Product discovery", "Roadmapping",
)  # fmt: skip
INDUSTRY_TAGS = (
    "Fintech", "Banking", "Insurance", "E-commerce", "Marketplaces", "Healthtech", "Logistics",
    "Automotive", "Media", "Gaming", "Energy", "Telecommunications", "B2B SaaS", "Travel",
)  # fmt: skip
TAG_VOCABULARY: tuple[tuple[TagCategory, str], ...] = (
    *((TagCategory.SKILL, name) for name in SKILL_TAGS),
    *((TagCategory.INDUSTRY, name) for name in INDUSTRY_TAGS),
    *((TagCategory.LOCATION, name) for name, _country in CITIES),
)
DEMO_POOLS: tuple[tuple[str, str, str], ...] = (
    ("Demo: Backend engineers", "#2563eb", "Java, Kotlin, Go and Python backend engineers."),
    ("Demo: Data & ML", "#16a34a", "Data engineers, data scientists and ML engineers."),
    ("Demo: Frontend", "#db2777", "React, Angular and Vue developers."),
    ("Demo: Engineering leaders", "#ea580c", "Tech leads, engineering managers and directors."),
    ("Demo: Product", "#7c3aed", "Product managers and designers."),
    ("Demo: Platform & SRE", "#0891b2", "DevOps, SRE and platform engineers."),
)
STAGE_WEIGHTS = (30, 25, 15, 10, 4, 3, 6, 4, 3)  # by position in DEFAULT_STAGES
SOURCES = ("LinkedIn", "Referral", "Job board", "GitHub", "Conference", "Meetup", "Inbound")
STATUSES = (
    (CandidateStatus.PASSIVE.value, 60),
    (CandidateStatus.ACTIVE.value, 28),
    (CandidateStatus.PLACED.value, 8),
    (CandidateStatus.DO_NOT_CONTACT.value, 4),
)
DEMO_INTERACTIONS: tuple[tuple[str, str, str], ...] = (
    (InteractionKind.EMAIL_OUT.value, "Intro", "Reached out about a new role."),
    (InteractionKind.EMAIL_OUT.value, "Follow-up", "Followed up on the last message."),
    (InteractionKind.EMAIL_IN.value, "Re: Intro", "Interested, asked for the salary band."),
    (InteractionKind.EMAIL_IN.value, "Re: Follow-up", "Not right now, maybe in six months."),
    (InteractionKind.CALL.value, "Intro call", "Discussed motivations and expectations."),
    (InteractionKind.CALL.value, "Catch-up call", "Still happy, open to senior roles."),
    (InteractionKind.MEETING.value, "Coffee", "Met for coffee, talked about team culture."),
    (InteractionKind.MESSAGE.value, "LinkedIn message", "Short note, replied within a day."),
    (InteractionKind.FEEDBACK.value, "Interview feedback", "Strong on system design."),
    (InteractionKind.NOTE.value, "Note", "Prefers hybrid work, two office days at most."),
    (InteractionKind.NOTE.value, "Note", "Notice period three months."),
)
DEMO_INTERACTION_WEIGHTS = (14, 8, 9, 5, 12, 8, 6, 14, 6, 10, 8)
DEMO_REMINDERS: tuple[tuple[str, str], ...] = (
    (ReminderKind.FOLLOW_UP.value, "Follow up on the role we discussed"),
    (ReminderKind.CHECK_IN.value, "Check in after the notice period ends"),
    (ReminderKind.CHECK_IN.value, "Quarterly check-in"),
    (ReminderKind.FEEDBACK_OWED.value, "Send interview feedback"),
    (ReminderKind.CUSTOM.value, "Invite to the next meetup"),
)
NOTICE_PERIODS = (None, "2 weeks", "1 month", "3 months")
CURRENCY = {"Poland": "PLN", "Germany": "EUR", "United Kingdom": "GBP"}
SALARY_BAND = {"Poland": (120, 420), "Germany": (50, 130), "United Kingdom": (45, 150)}
PHONE_PREFIX = {"Poland": "+48 5", "Germany": "+49 15", "United Kingdom": "+44 7"}
