"""The cache holds only what may be lost: allauth's rate-limit counters and the TOTP
codes already used. Issue 8 §3: with Redis stopped, logging in, the TOTP step, sign-up
and password reset answered 500, because Django's RedisCache raises on every call.

``FallbackRedisCache`` keeps the site working through an outage: while Redis cannot be
reached, each call goes to a cache in this process's memory instead, so rate limits
keep working within each worker process (they are shared again across processes once
Redis is back). A used TOTP code is also recorded in the database (accounts/mfa.py), so
no worker accepts it twice, Redis or not. It logs one WARNING when an outage starts and one
INFO when it ends; the messages name the cache, never a key (keys hold email hashes and
user IDs).
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

# Errors that mean "Redis cannot be reached", not a bug in the caller.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# After a failure, calls go straight to memory for this long before Redis is tried
# again, so a request does not wait for a dead server on every cache call.
RETRY_AFTER_SECONDS = 15


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        # LocMemCache keeps its data per name, so every thread of this process shares
        # one fallback store (Django makes one backend instance per thread).
        self._fallback = LocMemCache(f"redis-fallback:{server}", params)
        self._retry_at = None  # None while Redis answers

    def _call(self, method, *args, **kwargs):
        if self._retry_at is None or time.monotonic() >= self._retry_at:
            try:
                result = getattr(super(), method)(*args, **kwargs)
            except UNREACHABLE as exc:
                if self._retry_at is None:
                    log.warning(
                        "Redis cache unreachable (%s); rate limits are held in this process's memory until it is back.",
                        type(exc).__name__,
                    )
                self._retry_at = time.monotonic() + RETRY_AFTER_SECONDS
            else:
                if self._retry_at is not None:
                    log.info("Redis cache reachable again.")
                    self._retry_at = None
                return result
        return getattr(self._fallback, method)(*args, **kwargs)

    # Every public operation of RedisCache; the rest of BaseCache (get_or_set, decr,
    # the async variants) is built on these.
    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")

    def ping(self) -> bool:
        """Whether Redis itself answers now, never the memory fallback: for /healthz
        (kentplacements/health.py). Raises like Redis when it cannot be reached."""
        return bool(self._cache.get_client(write=True).ping())
