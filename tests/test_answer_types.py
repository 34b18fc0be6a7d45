"""Expected answer types: reading the kind of answer off a question, and finding it in a sentence."""

import pytest

from rag.answer_types import (
    AnswerType,
    counted_noun,
    counts_other,
    describes,
    descriptor,
    full_names,
    has_full_name,
    holds_new_name,
    person_names,
    plain_question,
    question_start,
    question_type,
    type_match,
    written_out,
)
from rag.text import name_key, stem


@pytest.mark.parametrize(("question", "kind", "unit"), [
    ("When was the cap lifted?", "date", None),
    ("In which month and year did Belarus lift the cap?", "date", "month"),
    ("On what date did Bolton arrive?", "date", "day"),
    ("On what exact date did the march take place?", "date", "day"),
    ("During which years did Krawczyk head the service?", "date", None),
    ("On which dates did the envoys visit?", "date", "day"),
    ("On which day of the week did Hale leave Minsk?", "date", "day"),
    ("On what weekday did Smith travel?", "date", "day"),
    ("What original publication date is given for the story?", "date", None),  # not "which publication"
    ("At what hour did the car cross the border?", "time", None),  # a time of day
    ("What role did he let Russia use his country for?", "other", None),  # a part played, not a post
    ("What position did official Minsk take on Crimea?", "other", None),  # a stance
    ("How many prisoners were freed?", "number", stem("prisoners")),
    ("How many political prisoners were freed?", "number", stem("prisoners")),
    ("How much did the deal cost?", "money", None),
    ("What was the combined monetary value of the fines?", "money", None),
    ("What was the total amount of money levied in fines?", "money", None),
    ("What is the total value of the loans Russia extended?", "money", None),
    ("What was the combined monetary sum of the fines?", "money", None),  # two words before "sum"
    ("What dollar value of bank assets would be unfrozen?", "money", None),
    ("Which U.S. citizen was freed?", "person", None),
    # A search-box query names what it wants by a noun.
    ("year Minsk dropped its limit on American diplomats", "date", None),
    ("publication date of the Higgins and Dapkus report", "date", "day"),
    ("length of Maria Kolesnikova's prison sentence", "duration", None),
    ("Lukashenko age NYT 2025", "age", None),
    ("Tikhanovskaya official result 2020 election percent", "percent", None),
    ("Viasna political prisoner count in 2020", "number", None),
    ("total amount of the fines imposed on journalists", "money", None),
    ("Andrei Yahorau think tank", "other", None),  # no typed noun
    # "What ... number/count/total": a count, of the noun after "of".
    ("What was the maximum number of American diplomats Minsk permitted?", "number", stem("diplomats")),
    ("What political prisoner total did Viasna report?", "number", None),  # not a person
    ("What was the total number of prisoners?", "number", stem("prisoners")),
    ("What is the total value of the loans?", "money", None),
    ("The commentary names three areas. List them.", "other", None),  # a request
    ("How much potash does Belarus export?", "amount", stem("potash")),
    ("How much impact did the sanctions have?", "amount", stem("impact")),
    ("How old was the president in 2025?", "age", None),
    ("What share of the vote did he claim?", "percent", None),
    ("How long did the meeting last?", "duration", "event"),
    ("How long had it been since they last met?", "duration", "state"),
    ("How long after the call did the visit come?", "duration", "offset"),
    ("How long is the border?", "duration", None),
    ("What prison term was he handed?", "duration", "state"),  # a length of time, though asked with "what"
    ("What term does the report use for the deal?", "other", None),
    ("How far from the border was the village?", "distance", None),
    ("Who is older, Lukashenko or Putin?", "age", None),
    ("Who met Lukashenko?", "person", None),
    ("Which two senior U.S. officials met Lukashenko?", "person", None),
    ("Which well-known political prisoners were freed?", "person", None),
    ("Which opposition figure did he claim to have beaten?", "person", None),
    ("Name the expert quoted by Belsat.", "person", None),  # an imperative asks "which expert"
    ("Who wrote the article?", "byline", None),
    ("Who co-wrote the report with Andrew Higgins?", "byline", None),
    ("Who is the author credited at the end of the piece?", "byline", None),
    ("What dateline does the piece carry beneath its byline?", "date", None),  # a date, though it names the byline
    ("Tell me the year Lukashenko last travelled to the United States.", "date", None),  # "tell me the year": which year
    ("Name one Belarusian city where protests broke out.", "place", None),
    ("What position did Belarus hold in the 2019 index?", "number", None),  # a rank in an index, not a post
    ("Who is the author of the commentary?", "byline", None),
    ("Which media outlet interviewed Bolton?", "organization", None),
    ("With which organisations are the analysts affiliated?", "organization", None),
    ("To which city did they drive?", "place", None),
    # Things answered by a proper name: an enterprise, a law, a port.
    ("Which Belarusian refinery processes the oil?", "organization", None),
    ("Under which U.S. law were the sanctions imposed?", "organization", None),
    ("Through which port was the potash shipped?", "place", None),
    # A noun before a noun for people describes them.
    ("Which State Department official met Lukashenko?", "person", None),
    ("What is the name of the village?", "place", None),
    # The question word of an opening phrase is not the question's.
    ("Discouraged by how long he has ruled, what have his opponents taken comfort in?", "other", None),
    ("In the West, for how long has he been reviled?", "duration", "state"),
    ("What did the officials promise?", "other", None),  # "did" opens a clause: not "which officials"
    ("To which country did the analyst flee?", "place", None),  # the noun asked for comes before "did"
    ("What is the Lithuanian capital called?", "place", None),
    ("Where did Belarus place in the 2019 index?", "number", None),  # a rank, not a place
    ("Where did Smith speak?", "place", None),
    # An opening "when" clause sets the time; the question word after the comma asks.
    ("When the West sanctioned potash and prices spiked, which other country profited?", "place", None),
    ("When did Bolton visit, and which city did he see?", "date", None),
])
def test_question_type_comes_from_the_leading_question_word(question: str, kind: str, unit: str | None) -> None:
    assert question_type(question) == AnswerType(kind, unit)


@pytest.mark.parametrize(("kind", "sentence", "expected"), [
    ("date", "It happened in January.", 1.0),
    # A name that reports is an outlet; a name alone may be anything.
    ("organization", "The U.S. might soon have a new old friend, Bloomberg reports.", 1.0),
    ("organization", "After the visit, Reuters reported that he canceled the meeting.", 1.0),
    ("organization", "The talks went well, Smith said.", 0.5),
    ("date", "It happened after the talks.", 0.0),
    ("number", "three people were freed", 1.0),
    ("number", "nobody was freed", 0.0),
    ("age", "Mr. Lukashenko, now 70, has ruled since 1994.", 1.0),
    ("age", "The 70-year-old leader spoke.", 1.0),
    ("age", "He has ruled for 30 years since 1994.", 0.0),
    ("percent", "He claimed 87 percent of the vote.", 1.0),
    ("percent", "He claimed 87% of the vote.", 1.0),
    ("percent", "He claimed most of the 2020 vote.", 0.0),
    ("date", "Beginning a decade ago, efforts gave way to engagement.", 1.0),  # resolved against publication
    ("duration", "The meeting lasted for more than two hours.", 1.0),
    ("duration", "The meeting was on Tuesday.", 0.0),
    ("duration", "They marched with a 1,000-foot-long flag.", 1.0),  # "how long" also asks for a length
    ("duration", "Sanctions were imposed over at least the past decade.", 1.0),
    ("duration", "Sanctions were imposed last year.", 0.0),
    ("duration", "It ended a yearslong policy of isolation.", 0.0),  # an adjective measures nothing
    ("time", "As darkness fell, they drove back to Vilnius.", 1.0),
    ("time", "They crossed at 3 p.m. on Wednesday.", 1.0),
    ("time", "They crossed on Wednesday, 12 February.", 0.0),
    ("distance", "The village lies 12 kilometres from the border.", 1.0),
    ("distance", "Two other officials drove to a village near the border.", 0.0),
    ("money", "The deal was worth $14 billion.", 1.0),
    ("money", "They paid 5 million euros.", 1.0),
    ("money", "Russia provides about 99% of its oil.", 0.0),
    ("number", "No official had visited for many years.", 0.0),  # "many" says no amount
    ("number", "A sister of one of the most prominent prisoners spoke.", 0.0),  # "one of" counts nothing
    ("number", "One prisoner was freed.", 1.0),
    ("place", "They drove back to Vilnius.", 1.0),
    ("byline", "By Jane Roe and John Doe", 1.0),
    ("byline", "Jane Roe wrote it.", 0.0),
    ("person", "Bill Clinton visiting Minsk (1993)", 1.0),
    ("person", "It is great news that Bolton met the leader.", 0.5),
    ("person", "It is great news that Mr. Bolton met the leader.", 1.0),  # a name after an honorific is a person's
    ("person", "the meeting went well.", 0.0),
    ("person", "Negotiating with Belarus gives leverage over Russia.", 0.0),  # a country is nobody's name
    ("organization", "said Mr. Shraibman, a scholar at the Carnegie Russia Eurasia Center.", 1.0),
    ("organization", "In the interview to the Current Time, Bolton said so.", 1.0),
    ("organization", "The US and Belarus met.", 0.5),
    ("other", "anything", 0.5),
])
def test_type_match(kind: str, sentence: str, expected: float) -> None:
    assert type_match(kind, sentence) == expected


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("How long did the talks last?", "The meeting lasted for more than two hours.", 1.0),
    # A gap since the last time measures no event: the meeting itself may have been short.
    ("How long did the meeting last?", "It was his first meeting with a senior official in five years.", 0.0),
    ("How long had it been since he met a senior official?", "It was his first meeting with a senior official in five years.", 1.0),
    # An offset places the visit after the call; it does not say how long the call took.
    ("How long did the call last?", "The visit came just a day after he had a long telephone call.", 0.0),
    ("How long after the call did the visit come?", "The visit came just a day after he had a long telephone call.", 1.0),
    ("How long ago did the freeze begin?", "The freeze began 11 years ago.", 1.0),
    # People are held for a time, not a length; a flag is as long as its feet.
    ("How long had the American been held in prison?", "They marched with a 1,000-foot-long flag.", 0.0),
    ("How long was the flag?", "They marched with a 1,000-foot-long flag.", 1.0),
    # "Many years" does not say how long the talks went on.
    ("How long did the talks go on?", "It was the highest level visit for many years.", 0.0),
    # "For the last 25 years" runs up to now: how long a state has held, not how long talks went on.
    ("How long did the talks last?", "Belarus has been led by Lukashenko for the last 25 years.", 0.0),
    ("How long has Lukashenko led Belarus?", "Belarus has been led by Lukashenko for the last 25 years.", 1.0),
])
def test_how_long_is_read_by_what_it_asks(question: str, sentence: str, expected: float) -> None:
    assert type_match(question_type(question), sentence) == expected


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    # A share is no count of votes, and a flag's length in feet counts no marchers.
    ("How many votes did he receive?", "He claimed 87 percent of the vote.", 0.0),
    ("How many people took part in the march?", "Others marched with a 1,000-foot-long flag.", 0.0),
    ("How many people took part in the march?", "Some 1,000 people marched with a flag.", 1.0),
    ("How many votes did he receive?", "He received 87 percent of the vote, or 5 million ballots.", 0.5),
    # A length of time counts no officials, though it counts years.
    ("How many officials travelled with him?", "No senior official had visited in more than 18 years.", 0.0),
    ("How many years had passed?", "No senior official had visited in more than 18 years.", 1.0),
    # Without a counted noun, a share may be the amount asked for.
    ("How much of its oil does Russia provide?", "Russia provides about 99% of its crude oil.", 1.0),
    # An amount of something uncounted may be a word of degree before it; a couple is a number.
    ("How much impact did sanctions have?", "He said sanctions had little impact.", 1.0),
    ("How much impact did sanctions have?", "He said sanctions were a blunt tool.", 0.0),
    ("For how many reasons was the visit significant?", "It was significant for a couple of reasons.", 1.0),
])
def test_a_count_is_not_a_share_or_a_measure(question: str, sentence: str, expected: float) -> None:
    assert type_match(question_type(question), sentence) == expected


def test_a_date_question_asking_for_the_day_wants_a_date_to_the_day() -> None:
    day = question_type("On what date was the election held?")
    assert type_match(day, "The election was held on August 9, 2020.") == 1.0
    assert type_match(day, "Belarus voted on Sunday.") == 1.0
    assert type_match(day, "He won in January 2025.") == 0.0  # a month: not the day asked for
    assert type_match(day, "The freeze began in 2008.") == 0.0
    assert type_match(question_type("When was the election held?"), "He won in January 2025.") == 1.0
    month = question_type("In which month of 2020 was the election held?")
    assert type_match(month, "The election was held in 2020.") == 0.0
    assert type_match(month, "He won in August 2020.") == 1.0
    assert type_match(month, "He won on August 9, 2020.") == 1.0


def test_a_question_for_someones_title_wants_a_post() -> None:
    title = question_type("What was Christopher Smith's job title when he steered policy?")
    assert title.kind == "role"
    assert type_match(title, "Mr. Smith steered Belarus policy during the Biden administration.") == 0.0
    assert type_match(title, "Christopher Smith, a deputy assistant secretary of state, steered policy.") == 1.0
    # "Belarus's position" in an index is a rank, and "Russia's role" a part played: not posts.
    assert question_type("What was Belarus's position in the 2018 index?").kind != "role"
    assert question_type("What was Russia's role in the talks?").kind != "role"


def test_a_counting_question_wants_a_number_of_the_counted_thing() -> None:
    asked = question_type("How many tonnes of potash does Belarus produce?")
    assert asked == AnswerType("number", stem("tonnes"))
    assert type_match(asked, "Belarus produces 7 million tonnes of potash a year.") == 1.0
    # Any number will half do: the sentence may count something else.
    assert type_match(asked, "Belarus is ranked 104th out of 180 countries.") == 0.5
    assert type_match(asked, "Belarus is a major producer of potash.") == 0.0
    assert question_type("How many were arrested?") == AnswerType("number")  # nothing counted is named
    assert question_type("How many senior officials came?") == AnswerType("number", stem("officials"))
    # The first plural noun is the one counted, past words that are no adjective by their ending.
    assert question_type("How many extra American diplomats came?") == AnswerType("number", stem("diplomats"))
    assert question_type("How many senior U.S. officials came?") == AnswerType("number", stem("officials"))
    assert question_type("How many people were arrested?") == AnswerType("number", stem("people"))


def test_sentence_initial_words_that_are_never_names_do_not_make_a_name() -> None:
    assert has_full_name("Andrew Higgins is the bureau chief.")
    assert not has_full_name("On August 29, the adviser paid a visit.")
    assert not has_full_name("The Week said so.")


def test_a_post_question_wants_a_post_next_to_the_person_asked_about() -> None:
    asked = question_type("What post did Vladimir Makei hold when he met John Bolton?")
    assert asked.kind == "role" and asked.subject == name_key("Makei")
    # Transliterated first name, post six words away: found by the surname.
    assert type_match(asked, "He talked to the Minister for Foreign Affairs Uladzimir Makei.") == 1.0
    # A post, but someone else's.
    assert type_match(asked, "The US national security adviser John Bolton paid a visit.") == 0.5
    assert type_match(asked, "Makei paid a visit.") == 0.0
    # A plural is a group the person belongs to, not a post.
    assert type_match(asked, "Lukashenka, Makei and some other officials remain under sanctions.") == 0.0


@pytest.mark.parametrize(
    ("question", "head", "person"),
    [
        ("Who is currently the U.S. ambassador to Belarus?", "ambassador", True),
        ("Who was the White House national security adviser who went to Minsk?", "adviser", True),
        ("What was the name of the village near the border where they met?", "village", False),
        ("What is the name of the analyst quoted by the Times?", "analyst", True),
        ("What is the name of that KGB chief who received the delegation?", "chief", True),  # "that" points back
        ("Who did the United States nominate to serve as its ambassador in Minsk?", "ambassador", True),
        ("Which individual did Washington nominate or designate to serve as its envoy?", "envoy", True),
        # The noun phrase ends at a participle that follows its noun, not at one that leads it.
        ("What was the name of the exiled leader freed in 2020?", "leader", True),
        ("Who is the East and Central Europe bureau chief for The Times?", "chief", True),
        ("Who was the U.S. charg\u00e9 d\u2019affaires in Minsk?", "affaires", True),
        # "Who replaced X as Y?" describes its answer by the post: a new name must hold it.
        ("Who replaced Uladzimir Makei as Belarus's foreign minister?", "minister", True),
        ("Who was appointed as the new U.S. envoy to Minsk?", "envoy", True),
        ("Who held the post of Belarusian foreign minister in 2025?", "minister", True),
        # A capitalised "Under" belongs to the post.
        ("Who succeeded David Hale as U.S. Under Secretary of State?", "secretary", True),
    ],
)
def test_descriptor_is_the_noun_a_who_is_question_describes_its_answer_by(question: str, head: str,
                                                                          person: bool) -> None:
    desc = descriptor(question)
    assert desc is not None and (desc.head, desc.person) == (stem(head), person)


def test_people_named_by_their_country_are_described_not_named() -> None:
    desc = descriptor("What are the names of the two Americans whom Lukashenko set free?")
    assert desc is not None and desc.person
    assert not describes(desc, "Mr. Lukashenko released more than 200 of them, including two Americans.")
    assert describes(desc, "The two Americans, John Doe and Richard Roe, were set free by Lukashenko.")


@pytest.mark.parametrize("question", ["Who is Igor Tur?", "Who met Lukashenko in Minsk?", "Who is the Pope?",
                                      "When was the cap lifted?", "What does the name of the memorial mean?",
                                      "Who described Belarus as a police state?", "Who is shown with Lukashenko?"])
def test_questions_that_describe_no_answer_have_no_descriptor(question: str) -> None:
    assert descriptor(question) is None


@pytest.mark.parametrize(("question", "head"), [
    ("Who was U.S. secretary of state in 2019?", "secretary"),  # no article
    ("Who was Belarus's ambassador to the United States in 2008?", "ambassador"),  # a possessive
    ("Who was President of the United States in 2008?", "president"),  # a post written with a capital
    ("Who was serving as secretary of state in 2025?", "secretary"),
])
def test_a_describing_noun_may_follow_a_possessive_or_no_article(question: str, head: str) -> None:
    desc = descriptor(question)
    assert desc is not None and desc.head == head and desc.person


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ambassador Julie Fisher arrived in Minsk.", True),
        ("Julie Fisher, the new U.S. ambassador, arrived.", True),
        ("Mr. Fisher will serve as ambassador in Minsk.", True),
        # The words are there, the name is not: the slot is empty.
        ("The U.S. plans to return an ambassador to Minsk after 11 years.", False),
        # A name, but far from the noun.
        ("David Hale met officials in Minsk on Tuesday and said that the U.S. will soon send an ambassador.", False),
        # The only name near the noun is one the question gave.
        ("Belarus and the US recalled their ambassadors in 2008.", False),
        ("The Prime Minister and the ambassador spoke.", False),
    ],
)
def test_describes_wants_a_new_name_tied_to_the_described_noun(sentence: str, expected: bool) -> None:
    desc = descriptor("Who is the U.S. ambassador to Belarus?")
    assert desc is not None and describes(desc, sentence) is expected


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("Who replaced Igor Tur as national security adviser?",
     "Adviser Igor Tur traveled to Belarus to meet President Julie Fisher.", False),
    ("Who replaced Igor Tur as foreign minister?",
     "He talked to President Julie Fisher and the Minister for Foreign Affairs Igor Tur.", False),
    ("Who replaced Igor Tur as national security adviser?",
     "Adviser Julie Fisher traveled to Belarus to meet Igor Tur.", True),
    # Neither a body named after the noun nor the description's own names are the person it describes.
    ("Who is the bureau chief for The Times?", "Julie Fisher is the bureau chief for The Times in Warsaw.", True),
    ("Who is the East and Central Europe bureau chief?", "Julie Fisher is the East and Central Europe bureau chief.", True),
    # Two people joined by "and": the noun describes neither by the other.
    ("What is the name of the head of the KGB?", "He met President Aleksandr G. Lukashenko and the head of his KGB.", False),
    ("What is the name of the head of the KGB?", "He met Igor Tur, the head of the KGB.", True),
    # Nor does the tie reach into the next sentence.
    ("What is the name of the head of the KGB?", "He met the head of his KGB. It was Mr. Lukashenko's first such meeting.", False),
    ("Who was the last U.S. official to visit?", "He met President Julie Fisher. No U.S. official had visited in years.", False),
    ("Who is the U.S. envoy?", "Julie Fisher, the U.S. Special Envoy, spoke.", True),  # "U.S." ends no sentence
])
def test_the_described_noun_belongs_to_the_name_nearest_it(question: str, sentence: str, expected: bool) -> None:
    desc = descriptor(question)
    assert desc is not None and describes(desc, sentence) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("He released the majority of political prisoners in 2015.", 0.0),  # a year is not a count
        ("On August 29, the adviser paid a visit.", 0.0),  # nor a day of the month
        ("In 2015 he released 12 prisoners.", 1.0),
        ("About 2000 troops were sent.", 0.5),  # a year-like number before a plural noun counts it
    ],
)
def test_times_are_not_amounts(sentence: str, expected: float) -> None:
    assert type_match(question_type("How many prisoners did he release?"), sentence) == expected


def test_a_nationality_before_a_noun_names_nothing() -> None:
    desc = descriptor("What is the name of the village near the border?")
    assert desc is not None
    assert not describes(desc, "Two other American officials drove to a village near the border.")
    assert describes(desc, "They drove to Naujieji Verkiai, a village near the border.")


def test_a_middle_initial_may_follow_a_title() -> None:
    assert full_names("He met President Aleksandr G. Lukashenko.") == [["President", "Aleksandr", "G.", "Lukashenko"]]


def test_a_lone_first_word_is_a_name_only_in_apposition() -> None:
    desc = descriptor("What is the name of the human rights group that counts prisoners?")
    assert desc is not None and not desc.person
    assert describes(desc, "Viasna, a human rights group, counts them.")
    assert not describes(desc, "Yesterday the human rights group counted them.")


def test_an_appositive_author_asks_for_no_byline() -> None:
    # "X, co-author of the report," describes a person the question gives.
    assert question_type("What job does Tomas Dapkus, co-author of the report, hold?").kind == "role"
    assert question_type("What does Jane Roe, author of the study, argue?").kind == "other"


@pytest.mark.parametrize(("question", "head"), [
    ("Which U.S. senator accompanied Smith to Minsk?", "senator"),
    ("Which imprisoned journalist did Smith press Lukashenko to free?", "journalist"),
    ("What officials did Hale meet?", "official"),
])
def test_which_asks_for_a_person_by_the_noun_for_them(question: str, head: str) -> None:
    desc = descriptor(question)
    assert desc is not None and desc.head == stem(head) and desc.person


@pytest.mark.parametrize("question", [
    "What position did official Minsk take on Crimea?",  # "official" describes Minsk
    "What figure did Viasna give for the prisoners?",  # a figure may be a number
    "Which US president is shown visiting Minsk?",  # a president is often named bare: "Bill Clinton visiting Minsk"
    "Which people were freed?",
])
def test_which_nouns_that_describe_no_person_asked_for(question: str) -> None:
    assert descriptor(question) is None


def test_a_which_person_question_wants_a_new_name_tied_to_its_noun() -> None:
    desc = descriptor("Which U.S. senator accompanied Smith to Minsk?")
    assert desc is not None
    assert not describes(desc, "Mr. Smith also steered Belarus policy during the Biden administration.")
    assert describes(desc, "Senator Jane Roe accompanied Mr. Smith.")
    # "Officials" are described by any post; a compound holds its head ("Undersecretary").
    officials = descriptor("Which American officials travelled with Bolton?")
    assert officials is not None and describes(officials, "National security adviser Jane Roe travelled with Bolton.")
    under = descriptor("Which U.S. Under Secretary of State met Lukashenko?")
    assert under is not None and describes(under, "U.S. Undersecretary of State David Hale met Lukashenko.")
    # A post the question gives besides its noun describes the answer too.
    scholar = descriptor("Which analyst quoted by the Times is a nonresident scholar at the Center?")
    assert scholar is not None and describes(scholar, "It would help, said Mr. Shraibman, a nonresident scholar at the Center.")


def test_an_organisation_is_not_a_person_the_text_names_by_an_honorific_or_a_post() -> None:
    people = person_names("After talks with Mr. Lukashenko, adviser John Bolton left. Analyst Dzianis Meliantsou spoke.")
    assert people == {name_key("Lukashenko"), name_key("Bolton"), name_key("Meliantsou")}
    asked = question_type("Which bureau does Smith serve in?")
    sentence = "Lukashenko met Smith near the border."
    assert holds_new_name(asked, sentence, "Which bureau does Smith serve in?")  # a capitalised word might be a body
    assert not holds_new_name(asked, sentence, "Which bureau does Smith serve in?", people)
    assert holds_new_name(asked, "Smith serves in the Bureau of European Affairs.", "Which bureau does Smith serve in?", people)


@pytest.mark.parametrize(("question", "kind"), [
    ("What was the Kremlin's official response to the visit?", "other"),
    ("What was the official voter turnout?", "percent"),  # a share of the voters, not an official
    ("Which official met Smith?", "person"),
    ("Which senior U.S. official visited Minsk?", "person"),
])
def test_official_after_an_article_or_a_possessive_describes_a_noun(question: str, kind: str) -> None:
    assert question_type(question).kind == kind


def test_how_many_feet_long_is_answered_by_a_measure() -> None:
    asked = question_type("How many feet long was the flag?")
    assert type_match(asked, "They marched with a 1,000-foot-long historical flag.") == 1.0
    assert type_match(question_type("How many people marched?"), "They marched with a 1,000-foot-long flag.") == 0.0


@pytest.mark.parametrize(("question", "head"), [
    ("name of the American prisoner freed by Belarus near the border", "prisoner"),
    ("Give the names of the candidates who ran against Lukashenko", "candidat"),
    ("Who was named the first U.S. ambassador to Minsk?", "ambassador"),
    ("Who did the United States nominate as its ambassador to Minsk?", "ambassador"),
    ("Whom did Bloomberg name as the likely nominee?", "nomine"),
    # The noun phrase ends where a clause about it begins: a name and a verb ("the challenger Belarus
    # jailed"), or a pronoun ("the american they let go", typed in haste).
    ("What was the name of the challenger Belarus jailed before the vote?", "challenger"),
    ("whats the name of the american they let go in feb 2025", "american"),
    # So it does at an adjective or an adverb that follows the noun.
    ("Who was the Belarusian foreign minister present at the talks?", "minister"),
    ("Give the names of the officials still under sanctions", "official"),
    # "Who heads the KGB?" asks for the one a sentence calls its head.
    ("Who heads the Belarusian KGB that Smith met?", "head"),
    ("who's in charge of the belarus kgb", "head"),
])
def test_a_name_asked_for_by_the_noun_for_it_is_described(question: str, head: str) -> None:
    desc = descriptor(question)
    assert desc is not None and desc.head == head and desc.person


def test_what_official_post_asks_a_post_not_an_official() -> None:
    assert question_type("What official post does Yarmoshyna hold?").kind == "role"
    assert descriptor("What official post does Yarmoshyna hold?") is None
    assert question_type("Which official met Smith?").kind == "person"


def test_names_listed_with_others_of_their_kind_are_of_that_kind() -> None:
    desc = descriptor("Give the names of the officials still under sanctions")
    assert desc is not None
    assert describes(desc, "At the same time, Lukashenka, Yarmoshyna and some other officials still fall under sanctions.")
    assert not describes(desc, "Lukashenka met Yarmoshyna, and the officials left.")


def test_how_much_of_a_substance_is_not_answered_by_a_share() -> None:
    asked = question_type("How much crude oil did Belarus want to buy?")
    assert type_match(asked, "Russia provides about 99% of Belarus' crude oil imports.") == 0.0
    assert type_match(asked, "Belarus bought 80,000 tonnes of crude oil.") == 1.0
    assert question_type("How much of its crude oil comes from Russia?").kind == "number"  # a share answers


def test_a_plural_noun_is_not_a_word_that_merely_ends_in_s() -> None:
    from rag.answer_types import _PLURAL_NOUN

    assert all(_PLURAL_NOUN.fullmatch(w) for w in ("fines", "Russians", "elections", "days"))
    assert not any(_PLURAL_NOUN.fullmatch(w) for w in ("dubious", "class", "status", "analysis", "various"))


def test_a_person_asked_for_by_nationality_wants_a_name_tied_to_it() -> None:
    desc = descriptor("Who is the American who was among the three people freed?")
    assert desc is not None and desc.person and desc.head == stem("american")
    assert not describes(desc, "Three people who had been jailed -- an American and two Belarusian prisoners -- waited.")
    assert describes(desc, "The freed American, Kevin Smith, thanked them.")


def test_the_head_of_something_is_named_only_where_a_sentence_names_it() -> None:
    desc = descriptor("Who heads the Belarusian KGB?")
    assert desc is not None
    assert not describes(desc, "He met President Aleksandr G. Lukashenko and the head of his KGB security apparatus.")
    assert describes(desc, "Ivan Tertel, the head of the KGB, met him.")


def test_a_thing_is_named_before_its_noun_or_right_after_it() -> None:
    desc = descriptor("What is the name of the village near the border?")
    assert desc is not None and not desc.person
    assert not describes(desc, "They drove to a village near the border with Lithuania.")
    assert describes(desc, "They drove to the village of Ozery near the border.")
    assert describes(desc, "They drove to Ozery, a small village near the border.")


def test_a_question_typed_in_haste_is_read_written_out() -> None:
    assert written_out("whats the name of it, who's there") == "what is the name of it, who is there"
    assert written_out("Thomas's visit") == "Thomas's visit"
    assert question_type("whos the american they freed").kind == "person"


def test_a_state_of_the_union_is_a_place_a_state_television_anchor_a_person() -> None:
    assert question_type("Which U.S. state is the prisoner from?").kind == "place"
    assert question_type("What state television anchor spoke?").kind == "person"


def test_a_rank_in_a_given_year_is_a_number() -> None:
    assert question_type("belarus press freedom rank 2018").kind == "number"


def test_a_misspelt_name_the_question_gives_is_no_new_name() -> None:
    q = "Which centre does the expert Arsen Sivitsky work for?"
    assert not holds_new_name(question_type("Who is the expert Arsen Sivitsky?"), "The expert Arsen Sivistky spoke.", "Who is the expert Arsen Sivitsky?")
    assert holds_new_name(question_type(q), "The expert Arsen Sivistky, Centre for the Strategic and Foreign Studies, spoke.", q)


def test_nationals_may_be_counted_by_their_nationality() -> None:
    q = "How many Russian nationals did Minsk detain?"
    assert counted_noun(q) == "nationals"
    assert not counts_other("nationals", "Belarus later arrested 33 Russians it said were mercenaries.")
    assert counts_other("nationals", "Belarus later imposed 100 fines.")


@pytest.mark.parametrize(("request_", "question"), [
    ("Can you find out who replaced John Bolton as adviser?", "Who replaced John Bolton as adviser?"),
    ("I want to know who replaced John Bolton.", "Who replaced John Bolton."),
    ("Could you tell me which country Hale stopped in?", "Which country Hale stopped in?"),
    ("I'd like to know where Belarus placed in the index.", "Where Belarus placed in the index."),
    ("Can you find the year in which she was detained?", "Tell me the year in which she was detained?"),
    ("Find me the exact year they signed.", "Tell me the exact year they signed."),
    # No request, or one that wraps no question, is left as it is.
    ("Who is Tell?", "Who is Tell?"),
    ("Can Belarus leave the union?", "Can Belarus leave the union?"),
    ("Look at this: who?", "Look at this: who?"),
    # A search-box query for a name asks for the name of what the words before it describe.
    ("igor tur tv channel name", "What is the name of the igor tur tv channel?"),
    ("us ambassador minsk nominee 2019 name", "What is the name of the us ambassador minsk nominee, 2019?"),
    ("What is his name?", "What is his name?"),
    ("Name the expert", "Name the expert"),
])
def test_a_request_is_read_as_the_question_it_wraps(request_: str, question: str) -> None:
    assert plain_question(request_) == question
    # The answerer and the slot both read it: read twice, a question stays as read once.
    assert plain_question(question) == question


def test_a_request_asks_what_its_question_asks() -> None:
    assert question_type(plain_question("Can you find the exact calendar day on which Bolton came?")) == AnswerType("date", "day")
    assert question_type(plain_question("I'd like to know where Belarus placed in the index.")) == AnswerType("number")
    assert question_type("Where Bolton went after Minsk") == AnswerType("place")
    assert question_type("hale lukashenko minsk talks weekday") == AnswerType("date", "day")
    assert question_type("lukashenko 2025 vote share") == AnswerType("percent")


def test_more_callings_ask_for_a_person_and_an_aide_may_hold_any_post_that_serves() -> None:
    assert question_type("Which Reuters correspondent covered the talks?") == AnswerType("person")
    assert question_type("Which columnist wrote about the visit?") == AnswerType("person")
    aide = descriptor("Which aide to Svetlana Tikhanovskaya thanked Trump?")
    assert aide is not None and aide.person
    assert describes(aide, "Franak Viacorka, the chief of staff to the exiled opposition leader Svetlana Tikhanovskaya, said so.")
    assert not describes(aide, "Tatyana Khomich, a sister of Maria Kolesnikova, said so.")


def test_a_relative_may_be_named_by_any_kinship_and_a_terse_query_by_its_unit() -> None:
    relative = descriptor("Who is the relative of Maria Kolesnikova quoted welcoming the outreach?")
    assert relative is not None and relative.person
    assert describes(relative, "Tatyana Khomich, a sister of one of the prisoners, Maria Kolesnikova, welcomed it.")
    assert question_type("bolton minsk trip date 2019") == AnswerType("date", "day")
    assert question_type("belarus annual potash output in tonnes").kind == "number"
    assert question_type("minsk population") == AnswerType("number")


def test_statements_that_set_a_question_up_are_not_the_question() -> None:
    q = ("I'm studying the 2008 rupture, when both sides recalled their ambassadors. "
         "Who was the last U.S. ambassador before that recall?")
    assert q[question_start(q):].startswith("Who was the last")
    assert question_type(q).kind == "person"  # not "when", from the statement
    # Abbreviations end no statement, and a question asked twice over has no scene.
    for asked in ("Who met U.S. officials in Minsk?", "What did Mr. Smith say? Who else spoke?", "Who met the U.S. envoy"):
        assert question_start(asked) == 0
    assert question_start("He met the head of the KGB. What is the chief's name?") > 0
    # A request after the scene is unwrapped there, and the scene stays for "that".
    assert plain_question("I read the Times piece. Can you tell me who drove to the village?") == \
        "I read the Times piece. Who drove to the village?"


def test_a_name_asked_for_by_its_owner_is_the_name_of_it() -> None:
    assert written_out("What was that jailed challenger's name?") == "What was the name of the jailed challenger?"
    assert written_out("What was Bolton's name?") == "What was Bolton's name?"  # a name is no describing noun
    desc = descriptor("What was that jailed challenger's name?")
    assert desc is not None and desc.person and desc.head == stem("challenger")
    assert question_type("What was the freed American prisoner's name?").kind == "person"


def test_a_thing_asked_for_by_what_it_is_called_is_asked_for_by_its_name() -> None:
    assert written_out("What would the common currency have been called?") == "What is the name of the common currency?"
    assert written_out("What was the village called?") == "What was the name of the village?"
    assert written_out("What was Bolton called by Lukashenko?") == "What was Bolton called by Lukashenko?"  # a name, no noun
    desc = descriptor("What would the shared currency of the union state be called?")
    assert desc is not None and not desc.person and desc.head == stem("currency")


def test_a_nationality_may_stand_for_a_person_asked_for() -> None:
    assert question_type("What was the name of the American who was released?").kind == "person"
    assert question_type("Which Belarusian did Bolton meet?").kind == "person"
    assert question_type("What Russian oil was bought?").kind != "person"


def test_which_owner_of_a_person_asks_for_the_owner() -> None:
    assert question_type("Which security service's chief did the envoy meet?").kind != "person"
    assert descriptor("Which security service's chief did the envoy meet?") is None
    assert question_type("Which analyst's view did Belsat quote?").kind == "person"
    assert question_type("What is the name of the KGB chief he met with?").kind == "person"


def test_describing_nouns_after_a_quantifier_or_before_an_unmarked_clause() -> None:
    desc = descriptor("Who were some of the Belarusian officials among the 100 barred in 1998?")
    assert desc is not None and desc.head == stem("officials")
    desc = descriptor("who was the US citizen the Belarusian KGB let go in feb 2025")
    assert desc is not None and desc.head == stem("citizen")
    desc = descriptor("name of the Belarusian KGB chief Smith sat down with")
    assert desc is not None and desc.head == stem("chief")
    desc = descriptor("What were the names of the two Belarusians handed over with the American?")
    assert desc is not None and desc.person
    assert descriptor("Belsat names two officials Bolton met. Who were they?") is None


@pytest.mark.parametrize(("question", "kind"), [
    ("What volume of U.S. crude oil was Belarus seeking?", "amount"),
    ("What is Belarus's gross domestic product?", "number"),
    ("How big was each of the fines?", "number"),
    ("what % did she officially get in 2020", "percent"),
    ("How much percent of its crude oil imports come from Russia?", "percent"),
    ("By what deadline were the two sides to agree?", "date"),
])
def test_quantities_shares_and_deadlines_are_typed(question: str, kind: str) -> None:
    assert question_type(question).kind == kind


def test_a_body_named_by_capitalised_words_is_no_person() -> None:
    assert type_match(AnswerType("person"), "Belarus arrested mercenaries of the Kremlin-linked Wagner Group.") < 1.0
    assert not has_full_name("Belarus arrested mercenaries of the Kremlin-linked Wagner Group.")
    assert type_match(AnswerType("person"), "Belarus jailed the challenger Viktor Babariko.") == 1.0


@pytest.mark.parametrize(("question", "written"), [
    ("The American prisoner freed near the border in 2025, what was his name?",
     "Who was the American prisoner freed near the border in 2025?"),
    ("Those political prisoners let go in September, how many were there?",
     "How many political prisoners let go in September were there?"),
    ("Lukashenko's share of the vote in January, what percent was it?",
     "What percent was Lukashenko's share of the vote in January?"),
    ("The potash company that got relief in 2025 was called what?",
     "What was the name of the potash company that got relief in 2025?"),
    ("The former Secretary of State who called Belarus a dictatorship was who?",
     "Who was the former Secretary of State who called Belarus a dictatorship?"),
    ("The outlets the fined journalists worked for, what were their names?",
     "What were the names of the outlets the fined journalists worked for?"),
    # an opening phrase of time or talk is no subject, and a question with its own noun stays as it is
    ("After Bolton's visit, who replaced him?", "After Bolton's visit, who replaced him?"),
    ("When the West sanctioned potash, which country profited?", "When the West sanctioned potash, which country profited?"),
    ("Ahead of his talks, what did Lukashenka say he wanted?", "Ahead of his talks, what did Lukashenka say he wanted?"),
    ("Per Belsat, in what year was it?", "Per Belsat, in what year was it?"),
    ("The crude oil Belarus sought in 2019, how many barrels were involved?",
     "The crude oil Belarus sought in 2019, how many barrels were involved?"),
])
def test_a_question_that_names_its_subject_first_is_read_the_usual_way_round(question: str, written: str) -> None:
    assert written_out(question) == written


def test_a_subject_named_first_is_typed_and_described_as_if_asked_after() -> None:
    from rag.slots import slot
    fronted = "The head of the Belarusian KGB whom the diplomat met in 2025, what was his name?"
    assert question_type(fronted).kind == "person"
    assert slot(fronted).desc is not None and slot(fronted).desc.head == stem("head")
    assert question_type("The American freed in 2025, what was his name?").kind == "person"
    assert question_type("The tally of political prisoners that week, how many were there?").kind == "number"


def test_two_subjects_named_first_and_asked_after_together_are_two_questions() -> None:
    from rag.answer_types import fronted_pair
    assert fronted_pair("The U.S. official who met Lukashenko in 2025, and the one who met him in 2019, who were they?") == [
        "Who was the U.S. official who met Lukashenko in 2025?", "Who was the one who met him in 2019?"]
    assert fronted_pair("The official who met Lukashenko in 2025, who was he?") == []
    assert fronted_pair("After the talks in Minsk, and the release, who were they?") == []


def test_a_question_tagged_on_a_statement_asks_nothing() -> None:
    question = "Two envoys, two eras, right? Which U.S. official met Lukashenko?"
    assert question[question_start(question):] == "Which U.S. official met Lukashenko?"
    assert question_start("Bolton met him, right?") == 0
    tagged = "The rights group keeps a count, don't they? How many prisoners did it tally?"
    assert tagged[question_start(tagged):] == "How many prisoners did it tally?"
    assert question_start("Who met him? Which official went?") == 0  # asked twice over
    checked = "Did Bolton meet him? Which official went?"  # a yes-or-no question checked first
    assert checked[question_start(checked):] == "Which official went?"


@pytest.mark.parametrize(("question", "expected"), [
    ("Did Lukashenko claim a share of the vote, and if so, what percentage did he claim?",
     "Did Lukashenko claim a share of the vote? What percentage did he claim?"),
    ("Was an American among those freed and, if so, who was it?", "Was an American among those freed? Who was it?"),
    ("Did he free prisoners, and if he did, in what year?", "Did he free prisoners? In what year?"),
    ("Was it 2015; if so, when was it announced?", "Was it 2015? When was it announced?"),
    ("Who was freed, and if so, when?", "Who was freed, and if so, when?"),  # no yes-or-no question to check
    ("Did Smith meet him if so?", "Did Smith meet him if so?"),
])
def test_a_question_asked_on_a_condition_is_written_as_the_two_questions(question: str, expected: str) -> None:
    from rag.answer_types import unconditioned

    assert unconditioned(question) == expected


def test_the_question_asked_on_a_condition_is_the_one_read() -> None:
    question = plain_question("Was an American among those freed in 2025, and if so, what was the American's name?")
    assert question[question_start(question):] == "What was the American's name?"
    assert question_type(question).kind == "person"


def test_where_something_landed_in_an_index_asks_its_rank() -> None:
    assert question_type("Where did Belarus land in the 2019 World Press Freedom Index?").kind == "number"
    assert question_type("Where did Bolton's plane land?").kind == "place"


def test_a_describing_noun_is_read_after_an_opening_phrase() -> None:
    desc = descriptor("So once the ambassadors were coming back, who did Washington actually name as its new ambassador to Minsk?")
    assert desc is not None and desc.head == stem("ambassador") and desc.person
    # "which" after an opening phrase is left as it was: the sentence that answers may call its man no leader
    assert descriptor("Once protests broke out, which foreign leader did Lukashenko turn to?") is None


def test_a_collective_number_counts_the_noun_after_of() -> None:
    assert counts_other("officials", "It is significant that Bolton visited, for a couple of reasons.")
    assert not counts_other("journalists", "Dozens of journalists were jailed.")
    assert not counts_other("officials", "He met a couple of officials.")


def test_names_listed_with_a_number_of_others_of_their_kind_are_of_that_kind() -> None:
    desc = descriptor("Who were the American officials at the handover?")
    assert desc is not None
    assert describes(desc, "After talks, Christopher W. Smith, a deputy, and two other American officials drove to a village.")
    assert not describes(desc, "After talks, Christopher W. Smith and the American officials drove to a village.")


@pytest.mark.parametrize("question", [
    "Whom did the administration designate as its ambassador to Minsk?",
    "Who did The Week report would be nominated as the new ambassador?",
    "Who the US was planning to send as new ambassador to Minsk?",
])
def test_a_person_put_in_a_post_is_described_by_the_post(question: str) -> None:
    desc = descriptor(question)
    assert desc is not None and desc.head == stem("ambassador") and desc.person


def test_a_person_sent_somewhere_is_described_by_nothing() -> None:
    assert descriptor("Who did Washington send to Minsk?") is None


def test_a_turn_in_talk_naming_its_subject_first_asks_after_its_names() -> None:
    assert written_out("Okay, and those two prisoners driven out to Vilnius, do we actually know their names?") == \
        "What are the names of those two prisoners driven out to Vilnius?"
    assert written_out("So, the envoy who came in 2025, do you know his name?") == "Who is the envoy who came in 2025?"


def test_a_name_that_does_something_to_the_nouns_people_is_not_one_of_them() -> None:
    desc = descriptor("What are the names of the two political prisoners released in 2025?")
    assert desc is not None
    assert not describes(desc, "It is a bargain under which Mr. Lukashenko would release a slew of political prisoners.")
    assert describes(desc, "Maria Kolesnikova, who has been a political prisoner since 2020, stayed in jail.")


def test_how_long_an_event_lasted_asks_its_length_though_asked_in_the_perfect() -> None:
    assert question_type("How long had the meeting in Minsk lasted?") == AnswerType("duration", "event")
    assert question_type("How long had Lukashenko led Belarus?") == AnswerType("duration", "state")
    # "for the first time in 11 years" is a gap since the last one, not the length of a meeting
    sentence = "Hale met Lukashenko in Minsk, for the first time in 11 years."
    assert type_match(question_type("How long had the meeting lasted?"), sentence) == 0.0


def test_who_had_headed_a_body_asks_for_the_one_a_sentence_calls_its_head() -> None:
    desc = descriptor("Who had headed the KGB when Smith came to Minsk?")
    assert desc is not None and desc.head == stem("head")
    assert not describes(desc, "Smith met President Aleksandr G. Lukashenko and the head of his KGB security apparatus.")


def test_a_charge_d_affaires_is_a_person_asked_for_by_the_noun() -> None:
    desc = descriptor("Which American charg\u00e9 d'affaires ran the U.S. Embassy in 2019?")
    assert desc is not None and desc.person
    assert not describes(desc, "Belarus and the US recalled their ambassadors, cutting the embassy staff.")


@pytest.mark.parametrize("question", ["Who was the State Department guy that drove into Belarus?",
                                      "Who was the man who met Lukashenko?", "Who is the person that freed them?"])
def test_a_noun_for_anyone_describes_no_answer(question: str) -> None:
    assert descriptor(question) is None


def test_a_name_in_a_clause_of_its_own_is_not_the_nouns() -> None:
    desc = descriptor("What is the name of the American who was freed in 2025?")
    assert desc is not None
    assert not describes(desc, "He released 200 of them, including two Americans set free since Mr. Trump took office.")
    assert describes(desc, "The American, John Doe, was set free in 2025.")


def test_a_full_name_is_given_by_its_surname_and_a_body_names_no_person() -> None:
    question = "Apart from President Lukashenka, which official did John Bolton hold talks with?"
    asked = AnswerType("person")
    met = "White House national security adviser John Bolton traveled Thursday to meet Belarusian President Alexander Lukashenko."
    assert not holds_new_name(asked, met, question)
    assert holds_new_name(asked, "Bolton talked to Lukashenka and the Minister for Foreign Affairs Uladzimir Makei.", question)
    # a day of the week is no lone surname
    assert type_match(asked, "The talks in the house ran until Thursday.") == 0.0
    assert type_match(asked, "The talks with Makei ran until Thursday.") == 0.5


@pytest.mark.parametrize(("question", "expected"), [
    ("Identify by name the village near the border.", "Identify the village near the border."),
    ("State the rank, precisely, that Belarus received.", "State the rank that Belarus received."),
    ("Specify precisely the duration, in hours, of the meeting.", "Specify the duration, in hours, of the meeting."),
    ("Pursuant to the bargain, identify specifically the areas in which sanctions would ease.",
     "Pursuant to the bargain, identify the areas in which sanctions would ease."),
    ("Kindly state, precisely, the number of prisoners freed.", "State the number of prisoners freed."),
    ("Who precisely met him?", "Who precisely met him?"),
])
def test_words_that_say_how_to_answer_a_command_are_left_out(question: str, expected: str) -> None:
    from rag.answer_types import commanded

    assert commanded(question) == expected


@pytest.mark.parametrize(("question", "kind", "unit"), [
    ("Specify the year in which Aleksandr Lukashenko took power in Belarus.", "date", None),
    ("Specify the date on which the meeting had been scheduled.", "date", "day"),
    ("Specify precisely the duration, in hours, of the meeting between Hale and Lukashenko.", "duration", "event"),
    ("State the annual value, precisely in U.S. dollars, of the potash exports.", "money", None),
    ("Identify by name the village near the Lithuanian border.", "place", None),
    ("Identify the head of the Belarusian KGB whom Smith met.", "person", None),
    ("Under the bargain, state the number of prisoners to be freed.", "number", "prisoner"),
])
def test_a_command_is_typed_by_the_thing_it_asks_for(question: str, kind: str, unit: str | None) -> None:
    asked = question_type(plain_question(question))
    assert (asked.kind, asked.unit) == (kind, unit)


def test_a_length_without_time_is_no_duration() -> None:
    assert question_type("Per the caption, what length was the historical flag?").kind != "duration"
    assert question_type("What was the length of the meeting, in hours?").kind == "duration"


def test_a_person_designated_by_a_command_is_described_by_the_post() -> None:
    desc = descriptor("Identify the individual whom the United States designated as its ambassador to Minsk.")
    assert desc is not None and desc.head == "ambassador" and desc.person


@pytest.mark.parametrize(("question", "start"), [
    ("Hale visit: how long did the meeting last?", "how long did the meeting last?"),
    ("Wagner arrests - how many Russians were detained?", "how many Russians were detained?"),
    ("Bolton and Hale visits: on what weekday did Bolton travel?", "on what weekday did Bolton travel?"),
    ("Where in Vilnius did Smith hold his briefing \u2014 at which embassy?", "Where in Vilnius did Smith hold his briefing \u2014 at which embassy?"),
    ("In 2019, Bolton - who had flown in - met whom?", "In 2019, Bolton - who had flown in - met whom?"),
    ("Belarus: a police state?", "Belarus: a police state?"),
])
def test_a_topic_named_as_a_headline_before_the_question_asks_nothing(question: str, start: str) -> None:
    assert question[question_start(question):] == start


def test_a_question_after_a_headline_is_described_by_its_own_noun() -> None:
    desc = descriptor("Prisoner handover: what was the name of the American freed near the border?")
    assert desc is not None and desc.person


@pytest.mark.parametrize(("question", "expected"), [
    ("Was it 1993 or 1994 when Bill Clinton visited Minsk?", "In what year Bill Clinton visited Minsk?"),
    ("I think it was Franak Viacorka - or was it Igor Tur - who suggested it on television?", "Who suggested it on television?"),
    ("Was it about 6 or about 10 political prisoners that Lukashenka released?",
     "How many political prisoners Lukashenka released?"),
    ("Was it about 95% or about 99% of its oil that Russia provided?", "What percentage of its oil Russia provided?"),
    ("Did Lukashenko claim 80 percent or 87 percent of the vote in January?",
     "What percentage did Lukashenko claim of the vote in January?"),
    ("Did the fines add up to about $10,000 or about $50,000 in total?", "How much money did the fines add up to in total?"),
    ("Was it Pompeo or Bolton who visited Minsk, and was it Hale or Smith who met him there?",
     "Who visited Minsk, and who met him there?"),
    ("Was it in Minsk or in Vilnius where Smith briefed diplomats?", "Where Smith briefed diplomats?"),
    ("Was it a deal or a trade that he made?", "Was it a deal or a trade that he made?"),
    ("Was it this or that which he said?", "Was it this or that which he said?"),
    ("Did Bolton meet Makei or Lukashenko?", "Did Bolton meet Makei or Lukashenko?"),
])
def test_a_question_between_two_guesses_is_asked_the_way_they_answer_it(question: str, expected: str) -> None:
    from rag.answer_types import either_asked

    assert either_asked(question) == expected


def test_the_thing_a_command_names_describes_its_answer() -> None:
    desc = descriptor(plain_question("Identify by name the village near the Lithuanian border at which they were handed over."))
    assert desc is not None and desc.head == "villag" and not desc.person
    assert descriptor("Give the names of the officials still under sanctions") is not None
