"""Place names from the packaged gazetteer."""

import pytest

from rag.places import asked_country, asked_place, mentions_place, places
from rag.slots import slot


@pytest.mark.parametrize(("question", "kind"), [
    ("Which country's crude oil did Belarus want?", "country"),
    ("Diplomats from which countries attended?", "country"),
    ("To which city did they drive?", "city"),
    ("In which Polish town was the base?", "city"),
    ("Name one Belarusian city where protests broke out.", "city"),  # an imperative asks "which city"
    ("Who met Lukashenko?", None),
    ("Which official met him?", None),
])
def test_asked_place_reads_the_noun_after_which(question: str, kind: str | None) -> None:
    assert asked_place(question) == kind


def test_places_finds_countries_by_name_abbreviation_and_nationality() -> None:
    assert places("country", "Belarus wants U.S. oil; Russia supplies it now.") == {"Belarus", "U.S", "Russia"}
    assert "United States" in places("country", "It came from the United States.")
    assert places("country", "They drove to Vilnius, the Lithuanian capital.") == {"lithuania"}
    assert places("city", "They drove to Vilnius, the Lithuanian capital.") == {"Vilnius"}
    assert places("country", "Bolton met the officials.") == set()
    assert places("city", "It marks the victims of March 2, 1942.") == set()  # a month, not March in England


def test_a_which_country_question_wants_a_country_the_question_does_not_name() -> None:
    wanted = slot("To which country did the analyst flee after the crackdown in Belarus?")
    assert wanted.holds("The analyst fled Belarus after a brutal crackdown in 2020.") is False
    assert wanted.holds("The analyst fled Belarus for Poland after the crackdown.") is True
    city = slot("Which Belarusian city other than Minsk did Bolton visit?")
    assert city.holds("Bolton paid a visit to Belarus.") is False
    assert city.holds("Bolton also went to Brest, near the Polish border.") is True


def test_a_city_opens_its_name_and_lies_in_the_country_asked_about() -> None:
    assert places("city", "John Bolton flew to Minsk.") == {"Minsk"}  # the Bolton of "John Bolton" is a man
    assert places("city", "He flew on to Moscow.", "belarus") == set()
    assert places("city", "He flew on to Minsk.", "belarus") == {"Minsk"}
    assert asked_country("In which Belarusian city is the memorial?") == "belarus"
    assert asked_country("To which city did they drive?") is None
    wanted = slot("In which Belarusian city did Bolton see the memorial?")
    assert wanted.holds("Bolton then flew to Moscow to see the memorial.") is False
    assert wanted.holds("Bolton saw the memorial in Minsk.") is True


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    # A place the question does not name.
    ("Where did Smith brief the diplomats in Vilnius?", "Smith told a gathering of Western diplomats in Vilnius about the deal.", False),
    ("Where did Smith brief the diplomats in Vilnius?", "Smith briefed the diplomats at the U.S. Embassy in Vilnius.", True),
    ("Where does the opposition leader live?", "She lives in Warsaw, Franak Viacorka said.", True),
    ("Where does the opposition leader live?", "Franak Viacorka, her aide, said she was grateful.", False),
    # A place the text puts something in, at, to or from: Russia is named, but nothing is in it.
    ("Where was Rice speaking when she denounced Belarus?",
     "Rice denounced Belarus before Mr. Putin consolidated his control of Russia.", False),
    ("Where was Rice speaking when she denounced Belarus?", "Speaking in Vilnius, Rice denounced Belarus.", True),
    ("Where was Rice speaking when she denounced Belarus?",
     "Rice denounced Belarus on a visit to the Lithuanian capital Vilnius.", True),
    # A place named by its kind counts only where the text puts something there too,
    ("Where was Rice speaking when she denounced Belarus?",
     "Rice denounced Belarus, a country with no free press or border controls.", False),
    ("Where was Rice speaking when she denounced Belarus?", "Rice denounced Belarus outside the U.S. Embassy.", True),
    # and it tells where, but names no place that "which checkpoint" asks for.
    ("Where did Smith's team drive after the talks?",
     "Smith and two other American officials drove to a village near the border with Lithuania.", True),
    ("Through which border checkpoint did Smith's team drive into Lithuania?",
     "Smith and two other American officials drove to a village near the border with Lithuania.", False),
])
def test_a_where_question_wants_a_new_place_the_text_puts_something_at(question: str, sentence: str, expected: bool) -> None:
    assert slot(question).holds(sentence) is expected


def test_a_us_state_is_asked_for_by_its_union_and_found_by_its_name() -> None:
    assert asked_place("Which U.S. state is the freed American from?") == "state"
    assert asked_place("Where in the United States is he from?") == "state"
    assert asked_country("Which U.S. state is he from?") is None
    # Washington in the news is the capital, not the state; Georgia is both a country and a state.
    assert places("state", "He is from New York and Ohio, not Washington or Georgia.") == {"New York", "Ohio", "Georgia"}
    assert slot("Which U.S. state is the freed American from?").holds("The Americans drove back to Vilnius.") is False
    assert slot("Which U.S. state is the freed American from?").holds("The American, a teacher from Ohio, was freed.") is True


def test_a_place_is_mentioned_by_its_name_its_country_or_its_cities() -> None:
    assert mentions_place("Minsk", "Bolton met Lukashenko in Minsk.")
    assert mentions_place("Minsk", "Bolton paid a visit to Belarus.")
    assert mentions_place("Belarus", "He spoke in the Belarusian capital.")
    assert mentions_place("United States", "Officials were banned from entering the US in 1998.")
    assert not mentions_place("Poland", "Bolton paid a visit to Belarus.")
    assert not mentions_place("Moldova", "He flew on to Minsk.")


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    # A date of an event the text puts at another place, and never at the one asked, dates something else.
    ("On what date was Bolton in Moldova before heading on to Belarus?",
     "On August 29, the US national security adviser John Bolton paid a visit to Belarus.", False),
    ("On what date had Bolton been scheduled to visit Poland?", "On August 29, Bolton paid a visit to Belarus.", False),
    ("On what date had Bolton been scheduled to visit Poland?", "Bolton was to visit Poland on September 1.", True),
    ("When did Bolton arrive in Minsk?", "On August 29, Bolton paid a visit to Belarus.", True),
    # A text that puts its event nowhere, or "there", may still date it.
    ("In what year did Lukashenka take power in Belarus?", "He took power in 1994.", True),
    ("When did Smith speak outside the embassy in Vilnius?", "Speaking outside the U.S. Embassy there on Wednesday, Smith smiled.", True),
    # A search-box query writes no prepositions: every country it names places its event.
    ("bolton poland visit rescheduled date", "On August 29, Bolton paid a visit to Belarus.", False),
    ("bolton minsk trip date 2019", "On August 29, Bolton paid a visit to Belarus.", True),
])
def test_a_date_question_asks_about_its_event_where_it_puts_it(question: str, sentence: str, expected: bool) -> None:
    assert slot(question).holds(sentence) is expected
