"""A question's slot: what a sentence must visibly hold to answer it."""

import datetime as dt

import pytest

from rag.slots import excluded, period_bounds, pinned_years, slot, slot_factor, text_years, topic, written_years


def test_a_name_question_wants_a_name_the_question_does_not_give() -> None:
    wanted = slot("Which Current Time journalist interviewed Bolton?")
    assert wanted.holds("In the interview to the Current Time, Bolton expressed a desire for common goals.") is False
    assert wanted.holds("Bolton told Current Time reporter Ivan Petrov that talks went well.") is True
    # A name after an honorific, or spelled otherwise than in the question.
    assert slot("Who rushed in security advisers to help Lukashenko?").holds(
        "Mr. Lukashenko appealed to Mr. Putin, who rushed in security advisers.") is True
    assert slot("Who did Lukashenko meet?").holds("Lukashenka met the envoy.") is False
    # A country names no person or organisation.
    assert slot("Which state-owned company exports Belarusian potash?").holds(
        "The United States would relax sanctions on exports of potash, of which Belarus is a major producer.") is False
    assert slot("Which agency had them waiting?").holds("There, courtesy of the Belarusian KGB, they waited.") is True
    # A sentence's opening word is a name only when it is not a word that opens sentences.
    assert slot("Who did Bolton meet in Moldova?").holds("Although Bolton went to Moldova, he met nobody.") is False
    assert slot("Who did Bolton meet in Moldova?").holds("Dodon met Bolton in Moldova.") is True
    # A nationality names no person.
    assert slot("Which official welcomed the prisoners?").holds("The Americans drove to the Lithuanian capital.") is False
    # A country may be an abbreviation; "Who is Igor Tur?" asks about the name it gives.
    assert slot("Which country's oil did Belarus want?").holds("Belarus is seeking to buy U.S. crude oil.") is True
    assert slot("Who is Igor Tur?").holds("An anchor on state television, Igor Tur, suggested it.") is not False


def test_topic_is_the_about_phrase_of_a_what_did_x_say_question() -> None:
    assert topic("What did Bolton say about NATO during his visit?") == (frozenset({"nato"}),)
    assert len(topic("What did Smith report about Lukashenko's health?")) == 2
    assert topic("Who wrote the article about the trip?") == ()
    # A promise has a topic too, and the one promised may stand before "about".
    assert topic("What did Lukashenko promise Hale about prisoners?") == (frozenset({"prisoner"}),)
    assert topic("When did Bolton visit Minsk?") == ()


def test_a_sentence_missing_the_topic_cannot_answer_what_was_said_about_it() -> None:
    wanted = slot("What did Bolton say about NATO?")
    assert wanted.holds("Bolton said NATO members border Belarus.") is True
    assert wanted.holds("Bolton said the talks went well.") is False
    assert slot("How did Bolton get to Minsk?").holds("Bolton went to Minsk.") is None


@pytest.mark.parametrize(("question", "years"), [
    ("How many officials were removed from the sanctions list in 2015?", {2015}),
    ("Before Bolton's 2019 trip, how many years had passed?", set()),  # bounds a period
    ("Which Russian city did he visit after the 2020 election?", set()),
    ("How many visits did Belarus receive during 2018 and 2019?", {2018, 2019}),
    ("What did the 1990s agreement aim to form?", set()),
])
def test_pinned_years_date_the_subject_of_a_question(question: str, years: set[int]) -> None:
    assert pinned_years(question) == years


def test_text_years_are_written_or_resolved_and_include_publication_only_when_dated() -> None:
    feb15 = dt.date(2025, 2, 15)
    assert text_years("More than 100 officials were banned in 1998.", dt.date(2019, 8, 30)) == {1998, 2019}
    assert text_years("He put their number this week at 1,226.", feb15) == {2025}
    assert text_years("Western governments denounced it as rigged.", feb15) == frozenset()


def test_a_text_dated_only_by_other_years_cannot_answer_a_question_pinned_to_a_year() -> None:
    wanted = slot("How many officials were removed from the sanctions list in 2015?")
    aug30 = dt.date(2019, 8, 30)
    assert wanted.holds("More than 100 officials were banned in 1998.", aug30) is False
    assert wanted.holds("In 2015 the US lifted sanctions on 12 officials.", aug30) is True
    assert wanted.holds("Twelve officials were removed from the list.", aug30) is True  # undated: any year
    # The hosted path checks its quotes with their documents' dates the same way.
    assert slot_factor("Who met Putin in 2024?", [("Lukashenko met Putin last week.", dt.date(2025, 2, 15))]) == 0.5
    assert slot_factor("Who met Putin in 2024?", [("Lukashenko met Putin last year.", dt.date(2025, 2, 15))]) == 1.0


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    # Every number counts another noun: "100 fines", "33 Russians" are not journalists or Belarusians.
    ("How many journalists were jailed in 2018?", "Lukashenko decided in 2018 to impose about 100 fines on journalists.", False),
    ("How many Belarusians have left the country?", "Belarus later arrested 33 Russians it said were mercenaries.", False),
    ("How many votes did he receive?", "He has won seven increasingly dubious elections in a row.", False),
    # The noun asked, one of the same calling, people of a nationality, or "people", may be the count.
    ("How many American envoys could serve?", "Belarus had allowed only five American diplomats to serve.", True),
    ("How many fighters did Belarus detain?", "Belarus later arrested 33 Russians it said were mercenaries.", True),
    ("How many prisoners were waiting?", "There, three people who had been jailed were waiting.", True),
    # A number that names nothing it counts may count anything.
    ("How many political prisoners are there?", "Viasna put their number this week at 1,226.", True),
    ("How many political prisoners were freed?", "He has released more than 200 of them.", True),
    # "how many were arrested" names no noun, "how many alleged fighters" none the word after "many" is.
    ("How many were arrested?", "Belarus later arrested 33 Russians.", True),
    ("How many alleged Wagner fighters were held?", "Belarus later arrested 33 Russians.", True),
])
def test_a_count_of_another_noun_is_no_answer(question: str, sentence: str, expected: bool) -> None:
    assert slot(question).holds(sentence) is expected


@pytest.mark.parametrize(("question", "bounds"), [
    ("How many officials were sanctioned after the 2006 crackdown?", (2006, None)),
    ("Who did Belarus jail before the 2020 election?", (None, 2020)),
    ("What has changed since 2008, and what will change by 2026?", (2008, 2026)),
    ("How many officials were removed from the list in 2015?", (None, None)),  # dates, does not bound
])
def test_period_bounds_are_the_years_after_from_and_before_until_words(question: str, bounds: tuple) -> None:
    assert period_bounds(question) == bounds


def test_a_text_writing_only_years_outside_the_questions_period_cannot_answer_it() -> None:
    aug30 = dt.date(2019, 8, 30)
    after = slot("How many officials were sanctioned after the 2006 crackdown?")
    # The article's own year does not count: what it tells happened in 1998.
    assert after.holds("More than 100 officials were banned in 1998.", aug30) is False
    assert after.holds("In 2008 the US sanctioned 12 officials.", aug30) is True
    assert after.holds("Twelve officials were sanctioned.", aug30) is True  # undated: any year
    before = slot("Who did Belarus jail before the 2020 election?")
    assert before.holds("In 2022 it let Russia use its territory.", dt.date(2025, 2, 15)) is False
    assert before.holds("Before the election in 2020, Belarus jailed the banker Viktar Babaryka.", dt.date(2025, 2, 15)) is True
    assert written_years("Belarus lifted the cap last year.", aug30) == {2018}


def test_what_did_x_say_wants_a_text_that_reports_speech() -> None:
    wanted = slot("What did the head of the KGB tell Smith?")
    assert wanted.speech
    assert wanted.holds("The diplomat met the head of his KGB, a police state's security apparatus.") is False
    assert wanted.holds("The KGB chief told Smith the prisoners were ready.") is True
    assert wanted.holds("The KGB chief: “They are ready.”") is True
    assert not slot("What did the KGB hold?").speech
    # What the text itself says: any of its sentences may answer.
    assert not slot("What does the commentary say Bolton's meeting put on its toes?").speech
    assert not slot("What label does the commentary say Belarus is given?").speech
    assert slot("What label did Bolton say fits Belarus?").speech


def test_when_will_wants_a_text_about_what_is_to_come() -> None:
    wanted = slot("When will the U.S. Embassy in Minsk reopen?")
    assert wanted.future
    assert wanted.holds("Belarus recalled its ambassador in 2008 and cut the embassy staff.") is False
    assert wanted.holds("The U.S. plans to reopen the embassy in 2026.") is True
    assert not slot("When was the embassy staff cut?").future
    assert not slot("What did Lukashenka say he would like to open?").future


@pytest.mark.parametrize(("question", "expected"), [
    ("Besides Alexander Lukashenko, which official is under sanctions?", {"alexander", "~lksndr", "lukashenko", "~lkshnk"}),
    ("Which city other than Minsk did Bolton visit?", {"minsk", "~mnsk"}),  # the phrase ends before "did"
    ("Which officials did Hale meet besides Lukashenko?", {"lukashenko", "~lkshnk"}),
    # A word the rest of the question uses too is still wanted.
    ("In which areas, besides 'several other areas', is the US confronting Russia?", {"several"}),
    ("When was the cap lifted?", set()),
])
def test_excluded_are_the_words_only_the_set_aside_phrase_holds(question: str, expected: set[str]) -> None:
    assert excluded(question) == expected


def test_a_why_question_wants_a_cause_or_a_purpose() -> None:
    wanted = slot("Why did Belarus lift the cap on U.S. diplomats?")
    assert wanted.holds("In January, Belarus finally lifted the cap on U.S. diplomats.") is False
    assert wanted.holds("Belarus lifted the cap because it wanted better ties.") is True
    assert wanted.holds("Belarus lifted the cap to win American investment.") is True
    assert slot("What reason did the White House give for the cancellation?").cause
    assert not slot("Who lifted the cap?").cause


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Lukashenka's decision to release the prisoners was welcomed.", False),  # what was decided
    ("Belarus usually gloats over any sign that Lukashenka is breaking out of isolation.", False),
    ("Lukashenka freed the prisoners to win relief from sanctions.", True),
    ("Lukashenka freed the prisoners amid anger over sanctions.", True),
])
def test_what_was_decided_and_what_is_gloated_over_give_no_cause(sentence: str, expected: bool) -> None:
    assert slot("Why did Lukashenka free the prisoners?").holds(sentence) is expected


def test_a_count_the_question_gives_is_not_its_answer() -> None:
    wanted = slot("How many of the 1,226 political prisoners counted by Viasna are journalists?")
    assert wanted.holds("Viasna put the number of political prisoners at 1,226.") is False
    assert wanted.holds("Of the 1,226 political prisoners Viasna counts, 38 are journalists.") is True
    assert slot("How many political prisoners did Viasna count?").holds("Viasna counted 1,226 prisoners.") is True


@pytest.mark.parametrize(("question", "bounds"), [
    ("In which year of the 1990s was the deal signed?", (1990, 1999)),
    ("What changed after the 1990s?", (2000, None)),
    ("Who ruled before the 2000s?", (None, 1999)),
])
def test_a_decade_bounds_the_years_a_question_asks_about(question: str, bounds: tuple) -> None:
    assert period_bounds(question) == bounds


def test_a_text_dated_outside_the_decade_asked_about_cannot_answer() -> None:
    assert slot("In which year of the 1990s was the deal signed?").holds("The deal will be discussed in 2019.") is False
    assert slot("In which year of the 1990s was the deal signed?").holds("The deal was signed in 1999.") is True


def test_a_byline_question_wants_a_byline_not_a_described_author() -> None:
    wanted = slot("Who is the author of the commentary on the visit?")
    assert wanted.holds("By Jane Roe") is True
    assert wanted.holds("The commentary ranks Belarus 104th out of 180 countries.") is False


def test_an_edition_of_a_yearly_thing_is_that_years_thing() -> None:
    text = "Out of 180 countries in the 2019 World Press Freedom Index, Belarus scores 153rd."
    wanted = slot("Where did Belarus place in the 2025 edition of the World Press Freedom Index?")
    assert wanted.holds(text, dt.date(2025, 3, 4)) is False  # written in 2025, about the 2019 index


def test_a_yearly_thing_of_another_year_cannot_answer() -> None:
    text = "Out of 180 countries in the 2019 World Press Freedom Index, Belarus scores 153rd."
    aug30 = dt.date(2019, 8, 30)
    assert slot("Where did Belarus rank in the 2018 World Press Freedom Index?").holds(text, aug30) is False
    assert slot("What was Belarus's place in the World Press Freedom Index for 2018?").holds(text, aug30) is False
    assert slot("Where did Belarus rank in the 2019 World Press Freedom Index?").holds(text, aug30) is True


def test_how_many_hours_wants_a_length_of_time_not_another_count() -> None:
    wanted = slot("How many hours did Smith spend in Belarus?")
    assert wanted.holds("Smith and two other American officials drove to a village.") is False
    assert wanted.holds("Smith spent five hours in Minsk.") is True
    assert slot("How many years had he ruled?").holds("He has ruled for two decades.") is True
    # In the scale asked: hours are not told in years.
    assert wanted.holds("Smith was the first envoy there in 11 years.") is False


def test_what_kind_of_thing_wants_a_word_that_tells_its_kind() -> None:
    wanted = slot("What kind of car did the delegation drive?")
    assert wanted.holds("The diplomat slipped into Belarus, traveling by car across the border.") is False
    assert wanted.holds("They drove a black armoured car across the border.") is True
    assert wanted.holds("They drove across the border.") is None  # no car: the noun may be said otherwise


def test_a_post_asked_of_someone_stands_beside_their_name() -> None:
    wanted = slot("What job does Tomas Dapkus, co-author of the report, hold?")
    assert wanted.holds("The editor of state television, Igor Tur, suggested it.") is False  # someone else's post
    assert wanted.holds("Tomas Dapkus, a correspondent for The Times in Vilnius, wrote it.") is True
    # The person is the one named in full, not the source that names the post.
    assert slot("Give the title The Week uses for David Hale.").holds(
        "Undersecretary of State David Hale met Lukashenko.") is True


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("Since when had Hale served as Under Secretary?", "Hale met Lukashenko in Minsk on 17 September 2019.", False),
    ("Since when had Hale served as Under Secretary?", "Hale was appointed Under Secretary in 2018.", True),
    ("Since what year has Lukashenko been in power?", "He took power in 1994.", True),
    ("Since which year were only five diplomats allowed?", "Since 2008, Belarus allowed five.", True),
])
def test_since_when_wants_where_a_state_began(question: str, sentence: str, expected: bool) -> None:
    assert slot(question).holds(sentence) is expected


def test_an_amount_per_time_wants_a_rate() -> None:
    wanted = slot("How many barrels of oil per day does Belarus import?")
    assert wanted.holds("Russia provides about 99% of Belarus' crude oil imports, some 20 million tonnes.") is False
    assert wanted.holds("Belarus imports 400,000 barrels a day.") is True
    assert not slot("How many barrels of oil does Belarus import?").rate


def test_a_day_asked_within_a_month_is_a_day_of_that_month() -> None:
    wanted = slot("On what exact day in January 2025 did Belarusians vote?")
    assert wanted.holds("The visit on Wednesday came a day after the call.", dt.date(2025, 2, 12)) is False  # 12 February
    assert wanted.holds("Belarusians voted on January 26, 2025.") is True
    assert slot("On what day in 2025 did Belarusians vote?").holds("They voted on February 2, 2025.") is True


def test_the_names_of_people_ask_for_names() -> None:
    assert slot("What were the names of the two political prisoners released?").asked.kind == "person"
    wanted = slot("What were the names of the two political prisoners released?")
    assert wanted.holds("Three people who had been jailed, an American and two political prisoners, were waiting.") is False
    assert wanted.holds("The freed prisoners were Ihar Karnei and Andrei Kuznechyk.") is True


def test_a_where_that_opens_a_relative_clause_asks_no_place() -> None:
    assert slot("Where did Smith meet the prisoners?").where
    assert slot("According to the NYT, where did Smith go?").where
    wanted = slot("Name the village where the KGB handed over the prisoners")
    assert not wanted.where
    assert wanted.holds("Smith drove to a village near the border with Lithuania.") is False  # no village is named


def test_a_post_asked_of_someone_is_one_the_question_does_not_give() -> None:
    text = "U.S. Undersecretary of State for Political Affairs David Hale met Belarusian President Alexander Lukashenko."
    assert slot("What title does The Week use for David Hale?").holds(text) is True
    # The post the question gives is not the other one it asks for; the president's post is Lukashenko's.
    assert slot("What job did David Hale hold before becoming under secretary of state?").holds(text) is False


def test_a_year_after_the_text_was_written_is_not_told_by_its_undated_sentences() -> None:
    wanted = slot("Who is Belarus's foreign minister in 2025?")
    makei = "Bolton talked to the Minister for Foreign Affairs Uladzimir Makei."
    assert wanted.holds(makei, dt.date(2019, 8, 30)) is False
    assert wanted.holds(makei, dt.date(2025, 2, 15)) is not False
    assert wanted.holds("In 2025 the minister was Maxim Ryzhenkov.", dt.date(2019, 8, 30)) is not False


def test_a_vague_several_is_no_count() -> None:
    wanted = slot("How many Western diplomats turned up for the briefing?")
    assert wanted.holds("Smith briefed Western diplomats, several of those who attended said.") is False
    assert wanted.holds("Smith briefed 30 Western diplomats.") is True


def test_a_time_after_an_event_is_not_told_by_the_state_before_it() -> None:
    before = "Before, since 2008, Belarus had allowed only five American diplomats to serve at the U.S. Embassy."
    for question in ("How many U.S. diplomats worked in Minsk after Belarus lifted the cap?",
                     "Once Belarus dropped its limit, how many American diplomats worked there?",
                     "how many American diplomats are now posted in Minsk"):
        assert slot(question).holds(before) is False, question
    # Asked about the time before, or since a year, the sentence answers.
    assert slot("Since which year had Belarus allowed only five American diplomats?").holds(before) is True
    assert slot("How many American diplomats were allowed in Minsk after 2008?").holds(before) is not False
    # "Before a presidential election in 2020" dates what follows; it tells no earlier state.
    assert slot("How many Russians were arrested after the campaign began?").holds(
        "Before a presidential election in 2020, Belarus arrested 33 Russians.") is True


def test_a_score_is_neither_a_rank_nor_a_count() -> None:
    wanted = slot("What score did Belarus receive in the 2019 index?")
    assert wanted.asked.kind == "number"
    assert wanted.holds("In the 2019 index, Belarus is ranked 104th out of 180 countries.") is False
    assert wanted.holds("Belarus scored 58.1 points in the 2019 index.") is True
    assert wanted.holds("Belarus got a score of 58.1 in the 2019 index.") is True


def test_how_someone_reacted_is_told_by_a_reported_reaction() -> None:
    wanted = slot("How did Vladimir Putin respond to the American visit?")
    assert wanted.holds("The visit came a day after President Trump had a long telephone call with President Putin.") is False
    assert wanted.holds("Putin dismissed the visit as unimportant.") is True
    assert slot("How has Belarus reacted publicly to the visit?").holds("Belarus has been mostly silent.") is True
    assert slot("How does the text describe the visit?").holds("The visit was quiet.") is not False  # not a reaction


def test_a_count_during_an_event_is_told_by_a_text_that_names_it() -> None:
    wanted = slot("How many people were arrested during the 2020 street protests?")
    assert wanted.holds("Before the 2020 election, Belarus arrested 33 Russians.") is False
    assert wanted.holds("Some 7,000 people were arrested in the 2020 protests.") is True
    # Only a count is held to it: "What did Bolton say during his visit?" may be told without the visit.
    assert slot("What did Bolton say during his visit?").holds("Bolton said the talks were fascinating.") is True


def test_a_count_of_votes_is_neither_a_share_nor_a_count_of_elections() -> None:
    wanted = slot("How many votes did Lukashenko receive?")
    assert wanted.holds("He has won seven increasingly dubious elections, most recently with 87 percent of the vote.") is False
    assert wanted.holds("He has won seven elections, most recently with 5 million votes.") is True


def test_which_specific_thing_wants_it_named() -> None:
    wanted = slot("Which specific missile system had Moscow hinted it might deploy?")
    assert wanted.holds("He would not allow short- or medium-range missiles, which Moscow has hinted at.") is False
    assert wanted.holds("Moscow hinted it might deploy the Iskander missile system.") is True
    gifts = slot("Which specific gifts did Lukashenka send to Trump?")
    assert gifts.holds("Lukashenka sent Belarusian presents to Trump.") is False
    # Several things may be named without the noun: a list of names the question lacks.
    arenas = slot("Name the specific arenas where the United States is up against Russia.")
    assert arenas.holds("The United States is confronting Russia in Ukraine, in Africa and in the oil sector.") is True
    assert arenas.holds("The United States is confronting Russia.") is False


def test_a_day_asked_in_a_year_is_not_a_date_of_another_year() -> None:
    wanted = slot("Which day and month in 2019 did Bolton meet Lukashenka?")
    visit = dt.date(2019, 8, 30)
    assert wanted.holds("Bolton visited the memorial to the Ghetto victims of March 2, 1942.", visit) is False
    assert wanted.holds("On August 29, Bolton paid a visit to Belarus.", visit) is True
    assert wanted.holds("On August 29, 2019, Bolton paid a visit.") is True


def test_a_place_asked_for_by_its_kind_wants_its_name() -> None:
    wanted = slot("What checkpoint did Smith's car cross going into Belarus?")
    assert wanted.holds("Smith slipped into Belarus, traveling by car across the border.") is False
    assert wanted.holds("Smith crossed at the Kamenny Log checkpoint into Belarus.") is True


def test_the_sentence_that_asks_is_read_after_one_that_tells() -> None:
    wanted = slot("I read that Bolton flew into Minsk. Which airport did he land at?")
    assert wanted.holds("After the visit of Bolton to Minsk, Reuters reported that he canceled the meeting in Poland.") is False
    assert wanted.holds("Bolton landed at Machulishchy airport.") is True
    # The names the telling sentence gives are no answer; "the other" describes nothing.
    assert wanted.holds("Bolton landed at the airport in Minsk.") is False
    assert slot("Belsat names Lukashenka and one other person. Who is the other?").desc is None


def test_a_chief_may_be_called_a_head() -> None:
    wanted = slot("Who was the former Polish intelligence chief quoted by the Times?")
    assert wanted.holds("Piotr Krawczyk, a former head of Poland's foreign intelligence service, said so.") is True


def test_a_count_asked_by_a_noun_for_people_wants_no_name() -> None:
    wanted = slot("What political prisoner total did Viasna report?")
    assert wanted.desc is None
    assert wanted.holds("Viasna put the number of political prisoners at 1,226.") is True


def test_a_diplomat_may_be_named_by_any_post() -> None:
    wanted = slot("Which U.S. diplomat called the plan a historic first step?")
    assert wanted.holds("U.S. Undersecretary of State David Hale called it a historic first step.") is True
    assert wanted.holds("The plan was called a historic first step.") is False


def test_a_diplomat_is_named_by_a_diplomatic_post_not_by_any_post() -> None:
    wanted = slot("Which Belarusian diplomat was Minsk planning to post to Washington?")
    assert wanted.holds("Hale met Belarusian President Alexander Lukashenko in Minsk.") is False
    # An ambassador is a diplomat, but an undersecretary is no ambassador.
    assert slot("Who is the U.S. ambassador to Belarus?").holds("U.S. Undersecretary of State David Hale met Lukashenko.") is False


def test_a_question_after_the_source_it_names_still_describes_its_answer() -> None:
    wanted = slot("According to the NYT, what is the name of the village near the border where they were collected?")
    assert wanted.desc is not None and wanted.desc.head == "villag"
    assert wanted.holds("The officials drove to a village near the border with Lithuania.") is False
    assert wanted.holds("The officials drove to the village of Ozery, near the border.") is True


def test_a_number_dated_by_another_year_does_not_count_for_the_asked_one() -> None:
    fines = "That stems partly from Lukashenko's decision in 2018 to impose about 100 fines on journalists."
    assert slot("How many fines did Belarus impose on journalists in 2019?").holds(fines) is False
    assert slot("How many fines did Belarus impose on journalists in 2018?").holds(fines) is True
    # A year that dates the source, or opens a clause of time, pins nothing; a span of time is no count.
    assert slot("How many fines did Belarus impose on journalists, per the 2019 commentary?").holds(fines, dt.date(2019, 9, 4)) is True
    assert slot("How many years had he led Belarus as of 2019?").holds(
        "The freeze began in 2008; Lukashenko has led the government for the last 25 years.", dt.date(2019, 9, 18)) is True
    vote = "He took power in 1994 and has won seven elections, most recently in January 2025, when he claimed 87 percent."
    assert slot("What share of the vote did Lukashenko receive in 1994?").holds(vote) is False
    assert slot("What share of the vote did Lukashenko receive in 2025?").holds(vote) is True
    # A rank is read from the ordinals.
    rank = "In the 2019 Index, Belarus scores 153rd. That stems from a decision in 2018 to impose 100 fines."
    assert slot("belarus press freedom rank 2018").holds(rank) is False
    assert slot("belarus press freedom rank 2019").holds(rank) is True


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("When did John Bolton step down as national security adviser?", "On August 29, adviser John Bolton paid a visit to Belarus.", False),
    ("When did John Bolton step down as national security adviser?", "Bolton resigned on September 10.", True),
    ("On which day of the week did David Hale leave Minsk?", "Hale met Lukashenko in Minsk on Tuesday.", False),
    ("On what date was Alexander Lukashenko born?", "Bolton traveled on 29 August 2019 to meet Alexander Lukashenko.", False),
    ("On what date was Alexander Lukashenko born?", "Lukashenko was born on 30 August 1954.", True),
    ("In which year was Smith given the deputy assistant secretary post?", "Smith started talks in 2024.", False),
    ("In what year did Lukashenka take power?", "He took power in 1994.", True),
    ("When did the new U.S. ambassador arrive in Minsk?", "The U.S. plans to return an ambassador to Minsk in 2019.", False),
    ("In what year was the Yama memorial put up?", "Bolton visited the Yama memorial to the victims of March 2, 1942.", False),
    ("In what year was the Yama memorial put up?", "The Yama memorial was erected in 1947.", True),
    # Births, foundings, deaths and arrests mark what any question asks, not only when.
    ("Who founded the human rights group Viasna?", "Viasna, a group led by Ales Bialiatski, keeps a tally.", False),
    ("Who founded the human rights group Viasna?", "Ales Bialiatski founded Viasna in 1996.", True),
    ("How many protesters were killed after the 2020 vote?", "In 2020, Belarus arrested 33 Russians.", False),
    ("How many journalists were jailed in 2018?", "In 2018 Lukashenko imposed about 100 fines on journalists.", False),
    ("What charges had the freed American been convicted on?", "Three people who had been jailed were waiting.", False),
    ("What charges had the freed American been convicted on?", "He had been convicted of espionage.", True),
    # Going into exile is a leaving; "the exiled opposition leader" tells that she is in exile, not when she left.
    ("When did Tikhanovskaya go into exile?", "The exiled opposition leader Tikhanovskaya marched in Warsaw in January 2025.", False),
    ("When did Tikhanovskaya go into exile?", "Tikhanovskaya fled to Lithuania in August 2020.", True),
    # A signing, and a sending back.
    ("When was the union state agreement signed?", "Later in 2019, Belarus and Russia are set to discuss integrating as a union state.", False),
    ("When was the union state agreement signed?", "The treaty was signed in December 1999.", True),
    ("How many Belarusian diplomats did Washington expel in 2008?", "Since 2008, Belarus had allowed only five American diplomats.", False),
    ("How many Belarusian diplomats did Washington expel in 2008?", "In 2008 Washington expelled two Belarusian diplomats.", True),
    # A question about two events is told only by a text that tells both.
    ("How many of the fighters arrested in 2020 were later sent back to Russia?",
     "In 2020 Belarus arrested 33 Russians it said were mercenaries.", False),
    ("How many of the fighters arrested in 2020 were later sent back to Russia?",
     "Of the 33 Russians arrested in 2020, 32 were sent back to Russia.", True),
    # A count of those who took part is told only by a text that tells of taking part.
    ("How many people took part in the street protests in 2020?", "In 2020 Belarus arrested 33 Russians it said were mercenaries.", False),
    ("How many people took part in the street protests in 2020?", "In 2020 some 200,000 people joined the protests.", True),
    # A turnout is a share of the voters: a share of the vote is not one.
    ("What was the turnout in the 2025 election?", "In January 2025 he claimed 87 percent of the vote.", False),
    ("What was the turnout in the 2025 election?", "Turnout in the January 2025 election was 85 percent.", True),
    # A participle before its noun describes it: "detained persons" asks about no arrest.
    ("Which official secured the release of three detained persons?",
     "Christopher W. Smith, a deputy assistant secretary of state, drove to a village near the border.", True),
    ("Which official secured the release of three persons detained in 2020?",
     "Christopher W. Smith, a deputy assistant secretary of state, drove to a village near the border.", False),
    # Who took part in talks is no taking up of a post.
    ("Who joined Bolton at the talks?", "Bolton talked to Lukashenka and Foreign Minister Uladzimir Makei.", True),
])
def test_an_event_a_question_asks_about_must_be_told(question: str, sentence: str, expected: bool) -> None:
    assert slot(question).holds(sentence, dt.date(2019, 9, 18)) is expected


def test_a_turnout_is_a_share_that_the_question_does_not_give() -> None:
    wanted = slot("What was the voter turnout in the January 2025 election in which Lukashenko claimed 87 percent?")
    assert wanted.asked.kind == "percent"
    assert wanted.holds("In January 2025 he claimed 87 percent of the vote.") is False
    assert wanted.holds("In January 2025 he claimed 87 percent of the vote on a turnout of 85 percent.") is True


def test_a_place_asked_for_after_a_preposition_wants_its_name() -> None:
    wanted = slot("Through which border checkpoint did the Americans drive the prisoners into Lithuania?")
    assert wanted.desc is not None and wanted.desc.head == "checkpoint"
    assert wanted.holds("The Americans and the prisoners drove back across the border to Vilnius.") is False
    assert wanted.holds("They crossed at the Kamenny Log checkpoint into Lithuania.") is True
    # "across" is no crossing: a compound ends in its head noun, a word does not merely end in its letters.
    crossing = slot("At which border crossing did Smith's car enter Belarus?")
    assert crossing.holds("The diplomat slipped into Belarus from the West, traveling by car across the border.") is False


def test_when_something_is_due_asks_what_is_to_come() -> None:
    wanted = slot("When is Belarus due to hold its next presidential election?")
    assert wanted.future
    assert wanted.holds("Before a presidential election in 2020, relations with Russia became tense.") is False
