"""Absolute and relative dates."""

import datetime as dt

from rag.dates import find_dates, parse_date, relative_dates, resolve_offsets, resolve_relative

AUG30 = dt.date(2019, 8, 30)  # a Friday
FEB15 = dt.date(2025, 2, 15)  # a Saturday


def test_find_dates_in_common_formats() -> None:
    assert find_dates("Feb. 15, 2025 and 29 August 2019 and 2019-09-17") == [
        dt.date(2025, 2, 15), dt.date(2019, 8, 29), dt.date(2019, 9, 17)]
    assert parse_date("March 4, 2025") == dt.date(2025, 3, 4)
    assert parse_date("no date") is None


def test_this_past_month_and_last_year() -> None:
    text = "First, this past January, Belarus lifted the cap. A decision last year to impose fines."
    assert resolve_relative(text, AUG30) == (
        "First, in January 2019, Belarus lifted the cap. A decision in 2018 to impose fines.")


def test_weekdays_resolve_to_the_latest_on_or_before_publication() -> None:
    assert resolve_relative("Bolton traveled Thursday to Belarus", AUG30) == (
        "Bolton traveled Thursday (29 August 2019) to Belarus")
    assert resolve_relative("in Minsk on Wednesday came", FEB15) == "in Minsk on Wednesday (12 February 2025) came"
    assert resolve_relative("met on Tuesday", dt.date(2019, 9, 17)) == "met on Tuesday (17 September 2019)"


def test_a_weekday_keeps_its_part_of_day_before_the_date_it_means() -> None:
    assert resolve_relative("outside the embassy on Wednesday evening, Mr. Smith", FEB15) == (
        "outside the embassy on Wednesday evening (12 February 2025), Mr. Smith")
    assert resolve_relative("Tuesday night talks", dt.date(2019, 9, 18)) == "Tuesday night (17 September 2019) talks"


def test_weeks_keep_their_words_and_gain_the_week_they_mean() -> None:
    assert resolve_relative("put their number this week at 1,226", FEB15) == (
        "put their number this week (week of 10 February 2025) at 1,226")
    assert resolve_relative("Last week he said", FEB15) == "Last week (week of 3 February 2025) he said"


def test_month_after_publication_month_means_last_year() -> None:
    assert resolve_relative("more recently in January, when", FEB15) == "more recently in January 2025, when"
    assert resolve_relative("in March the talks", FEB15) == "in March 2024 the talks"


def test_absolute_dates_and_modal_may_are_left_alone() -> None:
    text = "On March 2, 1942 they may go. In May 2020 too."
    assert relative_dates(text, FEB15) == []
    assert resolve_relative(text, None) == text


def test_an_event_placed_a_day_after_a_date_gets_its_own_date() -> None:
    text = "The visit to Minsk on Wednesday came just a day after the president had a long call."
    assert resolve_relative(text, dt.date(2025, 2, 15)) == (
        "The visit to Minsk on Wednesday (12 February 2025) came just a day after (11 February 2025) "
        "the president had a long call.")


def test_offsets_count_weeks_and_point_both_ways() -> None:
    assert resolve_offsets("On 1 March 2020 they met, two weeks before the vote.") == (
        "On 1 March 2020 they met, two weeks before (15 March 2020) the vote.")
    assert resolve_offsets("After 3 May 2001 came, 3 days after the talks.") == (
        "After 3 May 2001 came, 3 days after (30 April 2001) the talks.")


def test_an_offset_with_no_date_before_it_is_left_alone() -> None:
    text = "They met two days after the vote, on 3 May 2001."
    assert resolve_offsets(text) == text


def test_years_and_decades_ago_keep_their_words_and_gain_the_year() -> None:
    assert resolve_relative("Beginning a decade ago, efforts gave way", FEB15) == (
        "Beginning a decade ago (2015), efforts gave way")
    assert resolve_relative("Two years ago he won; 30 years ago he took power", FEB15) == (
        "Two years ago (2023) he won; 30 years ago (1995) he took power")
    assert resolve_relative("for decades ago-style prose", FEB15) == "for decades ago-style prose"
