"""The demo people. Shared by ``seed_demo`` and ``demo_totp`` and documented in README.md."""

from .roles import Role

DEMO_PASSWORD = "Kent-Demo-2026"
# Every demo staff account has this TOTP secret registered; `manage.py demo_totp`
# prints the current code, or add the secret to any authenticator app.
DEMO_TOTP_SECRET = "KENTPLACEMENTSDEMOSTAFFTOTPSECRE"
DEMO_DOMAIN = "demo.kentplacements.example"

DEMO_PEOPLE = [
    (Role.RECRUITMENT_TEAM, "recruiter", "Rita Recruiter"),
    (Role.DIVERSITY_PLACEMENTS_OFFICER, "diversity", "Sarah Meloni"),
    (Role.VETTING_OFFICER, "vetting", "Victor Vetting"),
    (Role.ESCORTING_OFFICER, "escort", "Erin Escort"),
    (Role.STUDENT_OFFICER, "student", "Sam Student"),
    (Role.HEAD_OF_RESOURCING, "resourcing", "Harriet Resourcing"),
    (Role.PARTNER_CONTACT, "partner", "Priya Partner"),
    (Role.APPLICANT, "applicant", "Alex Applicant"),
    (Role.VOLUNTEER, "volunteer", "Val Volunteer"),
]


def demo_email(login: str) -> str:
    return f"{login}@{DEMO_DOMAIN}"
