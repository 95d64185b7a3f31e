"""Run the same call from many database connections at the same moment, to show that a
limit holds under concurrency (STACK.md: "prove them with concurrent tests on PostgreSQL")."""

import threading

import pytest
from django.db import connection, connections

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent connections to one database; CI runs the suite on PostgreSQL",
)


def at_once(call, arguments, *, refusal=Exception) -> list:
    """``call(argument)`` in one thread per argument, all released together. Returns, in
    the order of ``arguments``, each call's result or the ``refusal`` it raised."""
    start = threading.Barrier(len(arguments))
    outcomes = [None] * len(arguments)

    def run(index, argument):
        try:
            start.wait()
            outcomes[index] = call(argument)
        except refusal as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
