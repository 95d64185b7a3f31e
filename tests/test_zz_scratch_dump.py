import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import DEMO_PEOPLE, demo_email
from accounts.models import User
from tests.test_reachability import crawl, Links

pytestmark = pytest.mark.django_db
OUT = Path("/tmp/pages")


def test_dump(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    settings.DEBUG = False
    from collections import deque
    for _role, login, _name in DEMO_PEOPLE + [(None, None, None)]:
        if login:
            client.force_login(User.objects.get(email=demo_email(login)))
            start = reverse("home")
        else:
            client.logout()
            start = "/"
        seen = {start}; queue = deque([start]); n = 0
        while queue:
            url = queue.popleft()
            r = client.get(url, follow=True)
            if r.status_code != 200 or "text/html" not in r.get("Content-Type", ""):
                continue
            here = r.request["PATH_INFO"]
            n += 1
            (OUT / f"{login or 'visitor'}__{here.strip('/').replace('/', '_') or 'root'}.html").write_text(r.content.decode())
            p = Links(); p.feed(r.content.decode())
            for t in p.targets:
                from urllib.parse import urljoin, urlsplit
                path = urlsplit(urljoin(here, t)).path
                if path in seen or path.startswith("/admin/") or "logout" in path or path.endswith(".ics") or "presentation-file" in path or "confirm-email" in path:
                    continue
                if urlsplit(urljoin(here, t)).netloc not in ("", "testserver"):
                    continue
                seen.add(path); queue.append(path)
        print(login, n)
