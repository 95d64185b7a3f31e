"""The baseline: the least Django that can answer a request.

No apps, no middleware, no templates, no database. Whatever the landing page costs
beyond this is the price of our own stack (middleware, sessions, templates).
"""

import os

DEBUG = False
# The runner passes the same random key it gives the real app.
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "hello.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
