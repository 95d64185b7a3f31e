"""Issue 12: "any count under 5 is shown as "<5" and cannot be derived from totals (suppress
secondary cells too)". The pure function outreach.equality.suppression.suppress, on worked
examples and on any table hypothesis draws: no count of 1 to 4 is shown; what is shown is
true; no row or column holds a single hidden cell; and a reader trying every table that
agrees with the published one (readings.py, which shares no code with the flow check) can
tell no hidden count — or the table is withheld."""

from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from outreach.equality.reports import stage_columns
from outreach.equality.suppression import FEW, MANY, disclosed, first_hidden, lines, suppress, with_totals

from .readings import worked_out

HIDDEN = (FEW, MANY)

counts = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 12))


def tables(max_rows=4, max_columns=4):
    return st.integers(1, max_rows).flatmap(
        lambda rows: st.integers(1, max_columns).flatmap(
            lambda columns: st.lists(st.lists(counts, min_size=columns, max_size=columns), min_size=rows, max_size=rows)
        )
    )


def report_tables(max_rows=4, max_columns=4):
    """Tables as a report makes them: every stage's total 0 or at least 5 (reports.stage_columns)."""
    return tables(max_rows, max_columns).filter(
        lambda body: all(sum(column) == 0 or sum(column) >= 5 for column in zip(*body, strict=True))
    )


def test_a_category_of_3_people_is_never_3_nor_taken_from_a_total():
    """3 Sikh respondents: 1 applied, 2 shortlisted; 20 with no religion; 3 who did not say."""
    body = [[1, 2], [12, 8], [3, 0]]
    shown = suppress(body)
    assert shown[0] == ["<5", "<5", "<5"]  # Sikh
    assert shown[3] == ["16", "10", "26"]  # the stages' totals and the grand total are shown
    assert "3" not in [text for row in shown for text in row]
    assert worked_out(body, shown) == []


def test_a_worked_example():
    shown = suppress([[3, 0], [10, 7], [0, 0]])
    assert shown == [
        ["<5", "<5", "<5"],  # 3, and its row's 0 hidden with it (the row has fewer than 5)
        ["5 or more", "5 or more", "17"],  # hidden so that neither 3 nor 0 is 13 or 7 less the rest
        ["<5", "<5", "<5"],  # zeros hidden so that the 3 cannot be taken from the row totals
        ["13", "7", "20"],
    ]


def test_a_row_of_fewer_than_5_hides_its_zeros_but_not_under_a_stage_nobody_reached():
    grid = with_totals([[2, 0, 0], [9, 6, 0]])
    assert {(0, 0), (0, 1), (0, 3)} <= first_hidden(grid)
    assert (0, 2) not in first_hidden(grid)  # nobody reached that stage: its 0 total says so


def test_a_table_that_cannot_be_protected_is_withheld():
    # two hidden 4s under a stage of 8: each is 4, whatever else is hidden (and totals stay)
    assert suppress([[4], [4]]) is None


def test_the_reader_of_the_tests_catches_what_primary_suppression_alone_leaves():
    body = [[3, 10], [9, 9]]
    primary = [[FEW if 0 < v < 5 else str(v) for v in row] for row in with_totals(body)]
    assert worked_out(body, primary) == [(0, 0)]  # 13 - 10
    hidden = {(i, j) for i, row in enumerate(primary) for j, text in enumerate(row) if text == FEW}
    assert disclosed(with_totals(body), hidden) == [(0, 0)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(tables())
def test_no_count_of_1_to_4_is_shown_and_what_is_shown_is_true(body):
    shown = suppress(body)
    if shown is None:
        return
    for true_row, shown_row in zip(with_totals(body), shown, strict=True):
        for value, text in zip(true_row, shown_row, strict=True):
            if 0 < value < 5:
                assert text == FEW
            elif text == FEW:
                assert value == 0  # a 0 hidden with small counts, which "<5" still says
            elif text == MANY:
                assert value >= 5
            else:
                assert int(text) == value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(tables())
def test_no_row_or_column_holds_a_single_hidden_cell(body):
    """The issue's rule, line by line: a single hidden cell is its total less the others."""
    shown = suppress(body)
    if shown is None:
        return
    for cells, total in lines(len(body), len(body[0])):
        assert sum(shown[i][j] in HIDDEN for i, j in [*cells, total]) != 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(tables(max_rows=3, max_columns=3), report_tables(max_rows=4, max_columns=3)))
def test_no_hidden_count_can_be_worked_out_from_everything_published(body):
    shown = suppress(body)
    assume(shown is not None)
    assert worked_out(body, shown) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(report_tables(max_rows=5, max_columns=3))
def test_a_reports_stage_totals_are_always_shown(body):
    shown = suppress(body)
    if shown is None:
        return
    assert shown[-1] == [str(total) for total in with_totals(body)[-1]]


@pytest.mark.parametrize("rows", [4, 10])
def test_a_large_table_is_quick(rows):
    """A report draws nine tables: a 10-answer table of 200 people takes milliseconds."""
    import random
    import time

    chance = random.Random(12)
    body = [[0] * 5 for _ in range(rows)]
    for _ in range(200):
        body[min(int(chance.expovariate(0.5)), rows - 1)][min(int(chance.expovariate(0.7)), 4)] += 1
    started = time.perf_counter()
    suppress(body)
    assert time.perf_counter() - started < 0.5


STAGES = ["Applied", "Shortlisted", "Interviewed", "Offered a place", "Active volunteer"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, len(STAGES)), min_size=5, max_size=60))
def test_a_report_merges_stages_until_none_has_1_to_4_people(reached):
    """reports.stage_columns: what keeps the stages' totals safe to show (index 5: not known)."""
    columns, column_of = stage_columns(STAGES, reached)
    people = Counter(column_of)
    assert all(people[column] == 0 or people[column] >= 5 for column in range(len(columns)))
    assert len(column_of) == len(reached)
    known = sorted((stage, column) for stage, column in zip(reached, column_of, strict=True) if stage < len(STAGES))
    assert [column for _stage, column in known] == sorted(column for _stage, column in known)  # order kept


def test_merged_stages_say_so():
    assert stage_columns(STAGES, [0] * 6 + [1] * 5 + [4] * 2) == (
        ["Applied", "Shortlisted to Active volunteer"],
        [0] * 6 + [1] * 7,
    )
    assert stage_columns(STAGES, [0] * 7 + [5] * 2)[0][0] == "Applied, or not known"
