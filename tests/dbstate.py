"""Proof that a request changed nothing in the database (issue 8 §5: a refused POST must
leave the database as it was).

Every INSERT, UPDATE and DELETE the request sends is recorded, in any table (history and
action-log tables included), so an edited field, an added or a deleted row all show; a
write attempted and rolled back counts too, which a refusal should never make. Sessions
are left out: the harness logs each persona in again, and logging in writes a session.
Hashing every table before and after each of the matrix's thousand POSTs would do the
same in minutes rather than seconds.
"""

import re
from contextlib import contextmanager

from django.db import connection

IGNORED_TABLES = frozenset({"django_session"})
WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["`]?(\w+)', re.I)


@contextmanager
def writes_recorded():
    """Within the block, the list yielded fills with the table of every write sent."""
    tables = []

    def record(execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match.group(1) not in IGNORED_TABLES:
            tables.append(match.group(1))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield tables
