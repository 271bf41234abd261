"""What the sample data says: three pools of a dozen hand-written people each, and the texts
their profiles, timelines and reminders are made from (see `sample` for how)."""

from __future__ import annotations

from dataclasses import dataclass

from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderKind, Seniority


@dataclass(frozen=True)
class Profile:
    first: str
    last: str
    pronoun: str  # "her" or "his"
    title: str
    company: str
    city: str
    seniority: Seniority
    industry: str
    skills: tuple[str, ...]
    status: CandidateStatus
    source: str


@dataclass(frozen=True)
class PoolSpec:
    name: str
    colour: str
    description: str
    country: str
    currency: str
    salary_band: tuple[int, int]  # yearly, in thousands
    phone_prefix: str
    email_domain: str
    role: str  # how the recruiter talks about the search
    cadence_days: int  # keep in touch with every member this often
    profiles: tuple[Profile, ...]


_F, _M = "her", "his"
_A, _P, _PL, _DNC = (
    CandidateStatus.ACTIVE,
    CandidateStatus.PASSIVE,
    CandidateStatus.PLACED,
    CandidateStatus.DO_NOT_CONTACT,
)
_S = Seniority

# fmt: off
SAMPLE_POOLS: tuple[PoolSpec, ...] = (
    PoolSpec(
        name="Kraków Java seniors",
        colour="#2563eb",
        description=(
            "Senior and lead Java/JVM engineers in and around Kraków, open to hybrid roles. "
            "Mostly Spring Boot and Kafka; a few architects."
        ),
        country="Poland",
        currency="PLN",
        salary_band=(240, 420),
        phone_prefix="+48 ",
        email_domain="example.com",
        role="senior Java",
        cadence_days=30,
        profiles=(
            Profile("Anna", "Kowalska", _F, "Senior Java Developer",
                     "Wawel Software", "Kraków", _S.SENIOR, "Software",
                     ("Java", "Spring Boot", "Kafka"), _A, "LinkedIn"),
            Profile("Łukasz", "Wiśniewski", _M, "Lead Software Engineer",
                     "Vistula Travel Tech", "Kraków", _S.LEAD, "Travel",
                     ("Java", "Kotlin", "AWS"), _P, "Referral"),
            Profile("Katarzyna", "Wójcik", _F, "Senior Backend Engineer",
                     "Krakus Telecom", "Kraków", _S.SENIOR, "Telecommunications",
                     ("Java", "Spring Boot", "PostgreSQL"), _A, "LinkedIn"),
            Profile("Piotr", "Zieliński", _M, "Principal Engineer",
                     "Tatra Cloud", "Kraków", _S.PRINCIPAL, "Cloud infrastructure",
                     ("Java", "Kubernetes", "Distributed systems"), _P, "Conference"),
            Profile("Małgorzata", "Kamińska", _F, "Senior Java Developer",
                     "Kazimierz Consulting", "Wieliczka", _S.SENIOR, "IT services",
                     ("Java", "Hibernate", "Angular"), _P, "Job board"),
            Profile("Tomasz", "Lewandowski", _M, "Staff Software Engineer",
                     "Smok Commerce", "Kraków", _S.PRINCIPAL, "E-commerce",
                     ("Java", "Kotlin", "Kafka"), _PL, "LinkedIn"),
            Profile("Agnieszka", "Dąbrowska", _F, "Tech Lead",
                     "Nowa Huta Logistics", "Kraków", _S.LEAD, "Logistics",
                     ("Java", "Kubernetes", "GCP"), _A, "Referral"),
            Profile("Michał", "Szymański", _M, "Senior Software Engineer",
                     "Sukiennice Bank Tech", "Kraków", _S.SENIOR, "Banking",
                     ("Java", "Spring Boot", "Oracle"), _P, "GitHub"),
            Profile("Joanna", "Woźniak", _F, "Senior Java Engineer",
                     "Podgórze Networks", "Kraków", _S.SENIOR, "Networking",
                     ("Java", "Microservices", "Docker"), _A, "Meetup"),
            Profile("Paweł", "Kozłowski", _M, "Java Architect",
                     "Błonia Automotive", "Kraków", _S.PRINCIPAL, "Automotive",
                     ("Java", "Architecture", "Kafka"), _DNC, "LinkedIn"),
            Profile("Magdalena", "Jankowska", _F, "Senior Full-Stack Developer",
                     "Wawel Software", "Tarnów", _S.SENIOR, "Software",
                     ("Java", "React", "AWS"), _P, "Referral"),
            Profile("Krzysztof", "Mazur", _M, "Engineering Manager",
                     "Rynek HR Tech", "Kraków", _S.LEAD, "HR tech",
                     ("Java", "People management", "Spring Boot"), _P, "Conference"),
        ),
    ),
    PoolSpec(
        name="Berlin data engineers",
        colour="#16a34a",
        description=(
            "Data and analytics engineers in Berlin (and remote within Germany): Spark, Kafka, "
            "dbt, Airflow and cloud warehouses."
        ),
        country="Germany",
        currency="EUR",
        salary_band=(65, 125),
        phone_prefix="+49 ",
        email_domain="example.org",
        role="data engineering",
        cadence_days=60,
        profiles=(
            Profile("Jürgen", "Müller", _M, "Senior Data Engineer",
                     "Spree Analytics", "Berlin", _S.SENIOR, "Analytics",
                     ("Python", "Spark", "Airflow"), _A, "LinkedIn"),
            Profile("Lena", "Schäfer", _F, "Data Engineer",
                     "Kreuzberg Mobility", "Berlin", _S.MID, "Mobility",
                     ("Python", "dbt", "Snowflake"), _A, "Job board"),
            Profile("Maximilian", "Weiß", _M, "Lead Data Engineer",
                     "Nordlicht Versicherung", "Berlin", _S.LEAD, "Insurance",
                     ("Scala", "Spark", "Kafka"), _P, "Referral"),
            Profile("Sophie", "Krüger", _F, "Analytics Engineer",
                     "Tempelhof Logistics", "Berlin", _S.MID, "Logistics",
                     ("SQL", "dbt", "BigQuery"), _P, "Meetup"),
            Profile("Felix", "Schröder", _M, "Senior Data Engineer",
                     "Grünwerk Energie", "Potsdam", _S.SENIOR, "Energy",
                     ("Python", "Kafka", "AWS"), _P, "LinkedIn"),
            Profile("Hannah", "Becker", _F, "Data Platform Engineer",
                     "Havelstrom Payments", "Berlin", _S.SENIOR, "Fintech",
                     ("Kubernetes", "Terraform", "Spark"), _A, "GitHub"),
            Profile("Jonas", "Hoffmann", _M, "Staff Data Engineer",
                     "Fernsehturm Media", "Berlin", _S.PRINCIPAL, "Media",
                     ("Scala", "Flink", "Kafka"), _P, "Conference"),
            Profile("Mia", "Köhler", _F, "Junior Data Engineer",
                     "Spree Analytics", "Berlin", _S.JUNIOR, "Analytics",
                     ("Python", "SQL", "Airflow"), _A, "University"),
            Profile("Lukas", "Fischer", _M, "Senior Analytics Engineer",
                     "Kiezkauf", "Leipzig", _S.SENIOR, "E-commerce",
                     ("SQL", "dbt", "Snowflake"), _PL, "LinkedIn"),
            Profile("Emilia", "Groß", _F, "Head of Data Engineering",
                     "Havelstrom Payments", "Berlin", _S.EXECUTIVE, "Fintech",
                     ("Python", "People management", "GCP"), _P, "Referral"),
            Profile("Ayşe", "Yılmaz", _F, "Senior Data Engineer",
                     "Kreuzberg Mobility", "Berlin", _S.SENIOR, "Mobility",
                     ("Python", "Spark", "Databricks"), _A, "Meetup"),
            Profile("Niklas", "Böhm", _M, "Machine Learning Engineer",
                     "Nordlicht Versicherung", "Berlin", _S.SENIOR, "Insurance",
                     ("Python", "MLOps", "Kubernetes"), _DNC, "LinkedIn"),
        ),
    ),
    PoolSpec(
        name="London product managers",
        colour="#d97706",
        description=(
            "Product managers, senior to head of product, in London fintech, marketplaces and "
            "B2B SaaS. Strong on discovery and data-informed roadmaps."
        ),
        country="United Kingdom",
        currency="GBP",
        salary_band=(70, 160),
        phone_prefix="+44 ",
        email_domain="example.net",
        role="product",
        cadence_days=90,
        profiles=(
            Profile("Oliver", "Smith", _M, "Senior Product Manager",
                     "Thames Payments", "London", _S.SENIOR, "Fintech",
                     ("Product discovery", "Payments", "SQL"), _A, "LinkedIn"),
            Profile("Charlotte", "Davies", _F, "Group Product Manager",
                     "Camden Marketplace", "London", _S.LEAD, "Marketplaces",
                     ("Roadmapping", "Marketplaces", "OKRs"), _P, "Referral"),
            Profile("James", "O'Connor", _M, "Product Manager",
                     "Shoreditch Labs", "London", _S.MID, "B2B SaaS",
                     ("Product discovery", "B2B SaaS", "Jira"), _A, "Job board"),
            Profile("Amelia", "Hughes", _F, "Head of Product",
                     "Albion Insurance", "London", _S.EXECUTIVE, "Insurance",
                     ("Product strategy", "People management", "OKRs"), _P, "Conference"),
            Profile("Harry", "Patel", _M, "Senior Product Manager",
                     "Canary Ledger", "London", _S.SENIOR, "Fintech",
                     ("Payments", "Compliance", "SQL"), _P, "LinkedIn"),
            Profile("Priya", "Shah", _F, "Principal Product Manager",
                     "Brixton Health", "London", _S.PRINCIPAL, "Healthtech",
                     ("Product strategy", "Experimentation", "Healthcare"), _A, "Referral"),
            Profile("Thomas", "Wright", _M, "Product Lead",
                     "Soho Media Group", "London", _S.LEAD, "Media",
                     ("Roadmapping", "Experimentation", "Mobile"), _PL, "LinkedIn"),
            Profile("Emily", "Clarke", _F, "Senior Product Manager",
                     "Shoreditch Labs", "Brighton", _S.SENIOR, "B2B SaaS",
                     ("B2B SaaS", "Product discovery", "API"), _P, "Meetup"),
            Profile("George", "Evans", _M, "Product Manager",
                     "Camden Marketplace", "London", _S.MID, "Marketplaces",
                     ("Marketplaces", "Experimentation", "SQL"), _P, "Job board"),
            Profile("Sophie", "Thompson", _F, "Director of Product",
                     "Thames Payments", "London", _S.EXECUTIVE, "Fintech",
                     ("Product strategy", "Payments", "People management"), _P, "Conference"),
            Profile("William", "Roberts", _M, "Senior Technical Product Manager",
                     "Canary Ledger", "Cambridge", _S.SENIOR, "Fintech",
                     ("API", "Platform", "Compliance"), _DNC, "LinkedIn"),
            Profile("Siobhán", "Kelly", _F, "Senior Product Manager",
                     "Brixton Health", "London", _S.SENIOR, "Healthtech",
                     ("Healthcare", "Product discovery", "Mobile"), _A, "Referral"),
        ),
    ),
)
# fmt: on

MOTIVATORS = (
    "Wants more ownership of architecture decisions.",
    "Looking for a fully remote setup; commute is the main pain point.",
    "Salary growth has stalled; wants a clear progression path.",
    "Would move for a product with real users and a modern stack.",
    "Wants to work with a stronger team and a good engineering culture.",
    "Interested in a four-day week or flexible hours (young kids).",
    "Keen to move into a lead role within a year.",
    "Mission matters: climate, health or education.",
)
DOUBTS = (
    "Worried about early-stage startup risk.",
    "Has unvested shares until spring.",
    "Not keen on more than two office days a week.",
    "Burnt by a previous reorg; asks a lot about stability.",
    "Unsure about moving from a big brand to a scale-up.",
    "Concerned about on-call load.",
)
COMPETING = (
    "Final round with a fintech scale-up.",
    "Verbal offer from current employer's competitor, ~15% above current.",
    "In process with two companies, one at offer stage.",
    "Counter-offer expected from current employer.",
)
NOTICE = ("2 weeks", "1 month", "1 month", "3 months", "3 months", "3 months (negotiable to 2)")
EVENTS = ("Met at a local Java meetup", "Met at a data conference", "Met at a product breakfast")
CANDIDATE_NOTES = (
    "Prefers e-mail over phone; best reached after 5 pm.",
    "Strong communicator, very structured in interviews.",
    "Open to relocation within the EU.",
    "Speaks English and German fluently.",
    "Mentors juniors; gives talks at meetups.",
    None,
    None,
)


@dataclass(frozen=True)
class InteractionTemplate:
    kind: InteractionKind
    subject: str
    body: str


INTERACTIONS: tuple[InteractionTemplate, ...] = (
    InteractionTemplate(
        InteractionKind.EMAIL_OUT,
        "Intro: {role} opportunity",
        "Hi {first}, I'm working on a {role} search that fits your background at {company}. "
        "Worth a 20-minute chat?",
    ),
    InteractionTemplate(
        InteractionKind.EMAIL_IN,
        "Re: {role} opportunity",
        "Thanks for reaching out, happy to talk. Thursday afternoon works.",
    ),
    InteractionTemplate(
        InteractionKind.CALL,
        "Intro call",
        "30 min call. Happy at {company} but open to the right move; shared salary expectations.",
    ),
    InteractionTemplate(
        InteractionKind.CALL,
        "Catch-up call",
        "Quick catch-up. Nothing urgent; asked me to keep {pronoun} in mind for lead roles.",
    ),
    InteractionTemplate(
        InteractionKind.MEETING,
        "Coffee in {city}",
        "Met for coffee. Talked about team culture and what {pronoun} next step should be.",
    ),
    InteractionTemplate(
        InteractionKind.MESSAGE,
        "LinkedIn message",
        "Sent a short note congratulating on the work anniversary.",
    ),
    InteractionTemplate(
        InteractionKind.MESSAGE,
        "Quick question",
        "Asked whether {first} would share the role with former colleagues.",
    ),
    InteractionTemplate(
        InteractionKind.FEEDBACK,
        "Interview feedback",
        "Hiring manager: strong technical depth, wants a second round on system design.",
    ),
    InteractionTemplate(
        InteractionKind.NOTE,
        "Note",
        "Mentioned a possible reorg at {company}; worth checking in next quarter.",
    ),
    InteractionTemplate(
        InteractionKind.NOTE,
        "Note",
        "Prefers hybrid, max two office days. Salary floor confirmed.",
    ),
)

REMINDER_NOTES: tuple[tuple[ReminderKind, str], ...] = (
    (ReminderKind.CHECK_IN, "Check in after {pronoun} notice period ends"),
    (ReminderKind.FOLLOW_UP, "Follow up on the {role} role we discussed"),
    (ReminderKind.FEEDBACK_OWED, "Send {first} interview feedback from the hiring manager"),
    (ReminderKind.CHECK_IN, "Ask {first} how the reorg at {company} went"),
    (ReminderKind.FOLLOW_UP, "Send {first} the job spec and salary band"),
    (ReminderKind.CUSTOM, "Invite {first} to the next meetup in {city}"),
    (ReminderKind.CHECK_IN, "Quarterly check-in: still happy at {company}?"),
)

# Bucket of each candidate's own reminder, by position in the pool (None: no reminder). One
# overdue a pool: a first look shows a handful due, as a recruiter's week would.
REMINDER_PLAN: tuple[str | None, ...] = (
    "overdue", "today", "week", "later", "week", None,
    "week", "later", "today", "week", "done", "later",
)  # fmt: skip

# The stage of each member, by position in the pool (positions in DEFAULT_STAGES: 3 is
# Interviewing, 6-8 are Not a fit, Declined, Withdrawn); most sit early in the funnel.
STAGE_PLAN = (0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 2)
NEAR_FIT_POSITIONS = frozenset({8, 11})  # a near miss: not a fit now, or still engaged
LOSING_TOUCH_POSITION = 3  # contacted a few days longer ago than the pool's cadence
FEEDBACK_OWED = ("Kraków Java seniors", 8)  # moved to Not a fit two days ago, not told yet

# How a recruiter closes the loop with someone moved to Not a fit, Declined or Withdrawn.
CLOSING = InteractionTemplate(
    InteractionKind.FEEDBACK,
    "Closed the loop",
    "Told {first} where things stand on the {role} search and agreed to stay in touch.",
)
