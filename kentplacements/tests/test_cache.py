"""The cache while Redis is down (kentplacements/cache.py): values live in this process's
memory, and a dead server is not asked again on every call."""

import logging

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient

from kentplacements import cache as fallback
from kentplacements.settings import redis_cache


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {**settings.CACHES, "default": redis_cache("redis://127.0.0.1:6390/0")}


def test_values_are_kept_in_memory_and_redis_is_asked_once_per_retry_period(redis_down, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="kentplacements.cache")
    attempts = []
    redis_back = []
    original_get = RedisCacheClient.get

    def counted_get(self, *args):
        attempts.append(args)
        return "from Redis" if redis_back else original_get(self, *args)

    monkeypatch.setattr(RedisCacheClient, "get", counted_get)
    clock = [1000.0]
    monkeypatch.setattr(fallback.time, "monotonic", lambda: clock[0])

    cache.set("allauth:rl:test", [1.0], 60)
    assert [cache.get("allauth:rl:test") for _ in range(5)] == [[1.0]] * 5
    assert attempts == []  # the failed set() opened the retry period: Redis is left alone

    clock[0] += fallback.RETRY_AFTER_SECONDS
    assert cache.get("allauth:rl:test") == [1.0]  # Redis tried again, still down: memory answers
    assert len(attempts) == 1

    redis_back.append(True)
    clock[0] += fallback.RETRY_AFTER_SECONDS
    assert cache.get("allauth:rl:test") == "from Redis"
    assert [r.getMessage() for r in caplog.records if r.name == "kentplacements.cache"] == [
        "Redis cache unreachable (ConnectionError); rate limits are held in this process's memory until it is back.",
        "Redis cache reachable again.",
    ]
