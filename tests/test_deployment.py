"""The deployment files for users (issue 13): docker-compose.yml, the Procfile, the Caddyfile
and the Dockerfile agree with each other, with the settings and with what README "Running
in production" documents. No Docker daemon runs here, so the files are read, not run."""

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings

from tests.yaml_subset import load

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = {"migrate": "release", "web": "web", "worker": "worker", "beat": "beat"}


@pytest.fixture(scope="module")
def compose():
    return load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def procfile() -> dict:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def documented_variables() -> set:
    """The first column of README's table of environment variables."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, re.MULTILINE))


def variables_read_by_settings() -> set:
    source = (ROOT / "kentplacements" / "settings.py").read_text()
    return set(re.findall(r"\benv(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", source))


def test_the_services_are_the_proxy_the_application_and_its_stores(services):
    assert set(services) == {"caddy", "migrate", "web", "worker", "beat", "db", "redis"}
    # only the proxy is reachable from outside
    assert [name for name, service in services.items() if "ports" in service] == ["caddy"]
    assert {"80:80", "443:443"} <= set(services["caddy"]["ports"])


def test_the_application_services_run_the_procfile_commands(services):
    processes = procfile()
    assert set(processes) == set(APP_SERVICES.values())
    for service, process in APP_SERVICES.items():
        assert shlex.split(services[service]["command"]) == shlex.split(processes[process]), service
    # the image's default command is the web process too
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE)[1]
    assert cmd.strip("[]").replace('"', "").split(", ") == shlex.split(processes["web"])


def test_every_variable_the_application_is_given_is_documented_and_read_by_settings(services):
    documented, read = documented_variables(), variables_read_by_settings()
    for service in APP_SERVICES:
        given = set(services[service]["environment"])
        assert given <= documented, f"{service}: not in README's table: {sorted(given - documented)}"
        assert given <= read, f"{service}: settings do not read {sorted(given - read)}"
    # and the table documents nothing the settings do not read
    assert documented <= read | {"DEBUG"}, sorted(documented - read)


def test_production_settings_behind_one_proxy(services):
    web = services["web"]["environment"]
    assert web["DEBUG"] == "0" and web["TRUSTED_PROXY_COUNT"] == "1"
    assert web["ALLOWED_HOSTS"].startswith("${SITE_DOMAIN")
    assert web["REDIS_URL"].startswith("redis://redis:") and "@db:5432/" in web["DATABASE_URL"]
    for worker in ("worker", "beat"):
        assert "TRUSTED_PROXY_COUNT" not in services[worker]["environment"]  # they serve no requests


def test_secrets_come_from_the_env_file_and_it_lists_them(compose):
    text = (ROOT / "docker-compose.yml").read_text()
    needed = set(re.findall(r"\$\{([A-Z_]+)", text))
    example = (ROOT / "deploy" / "compose.env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert needed == listed
    for secret in ("SECRET_KEY", "EQUALITY_RESPONDENT_KEY", "POSTGRES_PASSWORD"):
        assert re.search(rf"^{secret}=$", example, re.MULTILINE), f"{secret} has no value in the example"


def test_media_and_the_seal_key_live_on_volumes(compose, services):
    for service in ("web", "worker"):
        environment, volumes = services[service]["environment"], services[service]["volumes"]
        mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in volumes}
        assert mounts[environment["MEDIA_ROOT"]] == "media" and "media" in compose["volumes"]
        seal_dir = str(Path(environment["AGREEMENT_SEAL_KEY"]).parent)
        assert str(Path(environment["AGREEMENT_SEAL_CERT"]).parent) == seal_dir
        assert mounts[seal_dir] == "./seal" and volumes[1].endswith(":ro")
    assert "postgres" in compose["volumes"]


def test_the_proxy_has_tls_the_body_limit_and_forwards_to_web_which_it_checks(services):
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["caddy"]["volumes"]
    assert re.search(r"^\{\$SITE_DOMAIN\} \{", caddyfile, re.MULTILINE)  # a host name: automatic HTTPS
    assert int(re.search(r"max_size (\d+)", caddyfile)[1]) == settings.REQUEST_BODY_MAX_BYTES
    assert "reverse_proxy web:8000" in caddyfile and "health_uri /healthz" in caddyfile
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["caddy"]["depends_on"]["web"]["condition"] == "service_healthy"
