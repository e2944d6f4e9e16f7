"""English attribution classes found by error analysis on PolNeAR train (made-up sentences)."""

from __future__ import annotations

from reader.quotes import find_quotes
from reader.quotes.speakers.heads import can_speak
from reader.quotes.speakers.name_runs import looks_like_heading


def speech(body: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in find_quotes(body) if q.kind == "speech"]


def test_a_description_without_a_title_word_is_not_the_one_titled_person() -> None:
    body = (
        "Governor Jane Doe visited the plant on Monday.\n\n"
        "“We regret the decision and will appeal it in court,” the statement said."
    )
    assert speech(body)[0][0] == "the statement"


def test_an_office_not_given_to_anyone_stays_a_description() -> None:
    body = (
        "Jane Doe spoke at the rally, and Mark Roe spoke after her.\n\n"
        "“We will win the state by ten points in November,” the former president said."
    )
    assert speech(body) == [("the former president", "anonymous")]


def test_an_office_given_to_one_person_is_that_person() -> None:
    body = (
        "Former President Mark Roe spoke at the rally.\n\n"
        "“We will win the state by ten points in November,” the former president said."
    )
    assert speech(body)[0][0] == "Mark Roe"


def test_a_role_noun_used_before_is_the_person_it_introduced() -> None:
    body = (
        "Jane Doe held a town hall, where a young woman asked about the plan.\n\n"
        "“Why should we believe any of this at all?” the woman said."
    )
    assert speech(body) == [("the woman", "anonymous")]


def test_his_wife_is_not_the_man_just_spoken_of() -> None:
    body = (
        "Mark Roe was arrested in March and is held in Virginia.\n\n"
        "“We need him because life is very hard here,” his wife said."
    )
    assert speech(body)[0][0] != "Mark Roe"


def test_a_name_inside_the_sentence_before_a_predicate_quote_is_not_its_speaker() -> None:
    body = (
        "Mark Roe ran against Jane Doe in 2010.\n\n"
        "His slogan in that race was that Doe “would say or do anything to win.”"
    )
    assert speech(body)[0][0] != "Jane Doe"


def test_a_name_opening_the_sentence_before_a_predicate_quote_is_its_speaker() -> None:
    body = (
        "Jane Doe met Mark Roe on Monday.\n\n"
        "Doe “expressed serious concern at the provocative actions of the board.”"
    )
    assert speech(body)[0][0] == "Jane Doe"


def test_the_object_of_a_preposition_before_the_verb_is_not_the_subject() -> None:
    body = (
        "Jane Doe was the first to speak.\n\n"
        "Doe, who has in the past described the plan as “a disgrace to the whole city,” left."
    )
    assert speech(body)[0][0] == "Jane Doe"
    body = "Mark Roe in his opening speech called the plan “a disgrace to the whole city.”"
    assert speech(body)[0][0] == "Mark Roe"
    body = "Rep. Mark Roe of Ohio said the plan was “a disgrace to the whole city.”"
    assert speech(body)[0][0] == "Mark Roe"


def test_a_title_with_of_keeps_the_name_after_it() -> None:
    body = "Secretary of State Jane Doe said the vote was “an important step forward.”"
    assert speech(body)[0][0] == "Jane Doe"


def test_a_subordinate_clause_keeps_its_subject() -> None:
    body = "Doe spoke hours after Mark Roe said he was “encouraged by the plan.”"
    assert speech(body)[0][0] == "Mark Roe"
    body = "Voters agreed, with Sen. Mark Roe calling the plan “a disgrace to the whole city.”"
    assert speech(body)[0][0] == "Mark Roe"


def test_a_cue_later_in_the_sentence_beats_a_name_before_a_predicate_quote() -> None:
    body = (
        "Jane Doe won the state easily in 2008.\n\n"
        "Doe “drew quite well from older voters” in that primary, said professor Mark Roe."
    )
    assert speech(body)[0][0] == "Mark Roe"


def test_a_people_a_heading_or_a_bare_title_is_not_a_named_speaker() -> None:
    body = "Russians now say they admire Mark Roe more as a “protector of the country.”"
    assert speech(body)[0][0] is None
    body = (
        "Ed Roe campaigned in the state on Monday.\n\n"
        "“That is what he did in 2008 and 2012,” said former Pennsylvania Gov. and party "
        "chairman Ed Roe."
    )
    assert speech(body)[0][0] != "Pennsylvania Gov"
    assert looks_like_heading(["Division", "Over", "Iran"])
    assert looks_like_heading(["FULL", "TEXT"])
    assert not looks_like_heading(["Theresa", "May"])
    assert not looks_like_heading(["Secretary", "of", "State", "Jane", "Doe"])


def test_a_common_noun_opening_a_sentence_is_a_description() -> None:
    body = (
        "The aides met on Monday.\n\n"
        "Aides said the candidate “will not quit the race before the convention.”"
    )
    assert speech(body) == [("Aides", "anonymous")]


def test_words_on_a_sign_or_in_an_ad_are_not_its_holder_s() -> None:
    body = 'Jane Doe held up a sign saying "Teachers Against the Plan - We Have Seen This".'
    assert speech(body)[0][0] == "a sign"
    body = (
        "Jane Doe and her backers tried to tie Mark Roe to the governor, with one of her "
        "ads asking, “Is Mark Roe independent enough to serve on the court?”"
    )
    assert speech(body)[0][1] != "person"


def test_a_question_put_to_someone_is_not_theirs() -> None:
    body = (
        "In an interview published on Monday, Mark Roe was asked, “What is the most "
        "dangerous place you have ever been to?”"
    )
    assert speech(body)[0][0] is None


def test_a_quote_after_a_form_of_labels_has_no_speaker() -> None:
    body = (
        "Name: Jane Roe Age: 27 City: Springfield Why she is protesting: “As a tip worker, "
        "I never really know how much I am going to make this week.”"
    )
    assert speech(body)[0][0] is None


def test_a_new_subject_between_two_quotes_takes_the_turn() -> None:
    body = (
        "“I had nothing to do with them. That is total propaganda,” Mark Roe replied.\n\n"
        "Jane Doe seemed taken aback and mentioned his picture on the firm’s site. “Does "
        "that not speak to your judgment in any way?”"
    )
    assert speech(body)[1][0] == "Jane Doe"
    body = (
        "“I had nothing to do with them. That is total propaganda,” Mark Roe replied.\n\n"
        "The crowd began Sunday with a long chant. “Does that not speak to your judgment?”"
    )
    assert speech(body)[1][0] == "Mark Roe"  # no one else named: the same speaker


def test_a_name_after_a_dash_before_a_colon_speaks() -> None:
    body = "POLLS WERE JUST TOO EARLY - Jane Doe: “The polls ended a week before the vote.”"
    assert speech(body)[0][0] == "Jane Doe"


def test_a_participle_clause_before_a_colon_has_no_subject_to_give() -> None:
    body = (
        "Jane Doe has been a powerful surrogate, attacking Mark Roe and visiting the "
        "campaign offices with a simple message: “Do not mess this up for all of us!”"
    )
    assert speech(body)[0][0] != "Mark Roe"


def test_a_time_or_an_abstraction_caught_as_a_subject_does_not_speak() -> None:
    assert not can_speak(["past"])
    assert not can_speak(["vast", "majority"])
    assert not can_speak(["timing"])
    assert can_speak(["senior", "administration", "official"])
    assert can_speak(["billionaire", "businessman", "began"])
    assert can_speak(["statement"])
    assert can_speak(["article"])  # a thing that may speak, not an abstraction
    assert can_speak(["person", "close", "to", "the", "campaign"])
    body = (
        "Jane Doe spoke first.\n\n"
        "The timing of the surge does not surprise pollsters, who expected “the biggest "
        "boost in national support after the early contests.”"
    )
    assert speech(body)[0][0] != "the timing"


def test_more_verbs_of_speech_are_cues() -> None:
    assert speech("“This is fantastic!” beamed Jane Doe of Springfield.")[0][0] == "Jane Doe"
    body = "“We may be on the brink of a great mistake,” Jane Doe barked."
    assert speech(body)[0][0] == "Jane Doe"
    body = "Jane Doe touted the plan as “the longest expansion in our history.”"
    assert speech(body)[0][0] == "Jane Doe"


def test_an_age_describes_the_speaker() -> None:
    body = (
        "Jane Doe took the stage after nine.\n\n"
        "“He is, and always has been, an amazing leader,” said the 46-year-old."
    )
    assert speech(body) == [("the 46-year-old", "anonymous")]


def test_a_meeting_in_a_place_is_not_a_member_of_it() -> None:
    body = (
        "Jane Doe, during a town hall meeting in Columbus, Ohio, said she was “going to "
        "put a lot of people back to work.”"
    )
    assert speech(body)[0][0] == "Jane Doe"


def test_a_short_cue_sentence_ending_in_a_colon_belongs_to_the_next_quote() -> None:
    body = (
        "“He is not sympathetic to them. He hates them,” Mark Roe said.\n\n"
        "“I don’t care. He was the founder.” Jane Doe replied: “But he is trying to kill them.”"
    )
    found = speech(body)
    assert found[1][0] != "Jane Doe"
    assert found[2][0] == "Jane Doe"


def test_a_name_phrase_ends_at_a_verb_or_a_preposition() -> None:
    body = (
        "Mark Roe went after Jane Doe on Wednesday over her taxes, calling it "
        "“disqualifying” and saying it must hide “a bombshell of unusual size.”"
    )
    assert [s for s, _ in speech(body)] == ["Mark Roe", "Mark Roe"]


def test_someone_unnamed_opening_a_sentence_is_anonymous_and_a_day_is_no_one() -> None:
    body = "One user wrote, “This is very cute.” Another advised, “Drive slowly in town.”"
    assert speech(body)[1] == ("Another", "anonymous")
    assert not can_speak(["recent"])  # "his recent remarks": an adjective, not an agent
    assert can_speak(["student"])
    assert not can_speak(["days", "when", "the", "nation", "had"])


def test_a_reporting_verb_used_as_a_plural_noun_is_not_a_cue() -> None:
    body = (
        "Sen. Jane Doe visited the show to discuss her recent remarks about her rival, "
        "saying “on her worst day” he would be “a better president than any of them.”"
    )
    assert [s for s, _ in speech(body)] == ["Jane Doe", "Jane Doe"]
    body = "The ad says Jane Doe “will stand up to the gun lobby and take on the banks.”"
    assert speech(body)[0][0] == "the ad"


def test_acronyms_and_years_inside_a_speaker_phrase() -> None:
    body = "“The commissions are an abject failure,” said ACLU executive director Mark Roe."
    assert speech(body)[0][0] == "Mark Roe"
    body = "“She did not like that at all,” said a 2008 campaign veteran."
    assert speech(body) == [("a 2008 campaign veteran", "anonymous")]
    assert looks_like_heading(["ROLL", "TIDE", "Alabama"])
    assert not looks_like_heading(["J.", "J.", "Price"])


def test_a_title_in_single_marks_after_a_question_does_not_hide_the_cue() -> None:
    body = (
        "“How big is that wall going to be?” asked the boy, who was wearing a 'Make "
        "Springfield Great' hat."
    )
    assert speech(body)[0][0] == "the boy"


def test_a_name_set_off_after_its_holder_s_role_speaks() -> None:
    body = "“Positions will soften,” Rep. Mark Roe’s chief of staff, Jane Doe, told reporters."
    assert speech(body)[0][0] == "Jane Doe"


def test_a_full_stop_inside_a_parenthesis_does_not_end_the_cue() -> None:
    body = "“They have nothing to worry about,” Sen. Jane Doe (D-N.Y.) said Tuesday."
    assert speech(body)[0][0] == "Jane Doe"


def test_a_modifier_alone_does_not_find_the_titled_person() -> None:
    body = (
        "Former President Mark Roe opened the meeting.\n\n"
        "“It has gone the opposite way from what we recommended,” said the former top aide."
    )
    assert speech(body)[0] == ("the former top aide", "anonymous")


def test_phrasal_verbs_of_speech_are_cues() -> None:
    body = "“You know, it happens, right?” Mark Roe went on, as if he had not heard her."
    assert speech(body)[0][0] == "Mark Roe"
    body = "“Don’t forget my husband,” Jane Doe cut in."
    assert speech(body)[0][0] == "Jane Doe"


def test_according_to_an_outlet_credits_the_outlet_for_the_quote_and_its_follow_on() -> None:
    body = (
        "Jane Doe addressed the delegates on Monday.\n\n"
        "“I ask you not to walk out of the hall tonight,” Doe said, according to the Daily "
        "Ledger. “It matters to all of us.”"
    )
    assert [s for s, _ in speech(body)] == ["the Daily Ledger", "the Daily Ledger"]


def test_according_to_a_report_keeps_an_unnamed_source_unnamed() -> None:
    body = (
        "President Mark Roe met the families in private.\n\n"
        "According to a pool report, Roe said “there is love in this city” after the meeting."
    )
    speaker, kind = speech(body)[0]
    assert speaker == "a pool report" and kind != "person"


def test_according_to_inside_a_phrase_is_no_source() -> None:
    body = (
        "Jane Doe said spending grew according to Mark Roe's plan and added, “We kept every "
        "promise we made to the voters.”"
    )
    assert speech(body)[0][0] == "Jane Doe"


def test_according_to_in_a_later_relative_clause_is_the_next_quotes_source() -> None:
    body = (
        "According to the communiqué, the governor stated that the deficit “is a result of "
        "the old budget rules” which – according to the ministry – caused “the cuts in "
        "every school district” last year."
    )
    assert [s for s, _ in speech(body)] == ["the governor", "the ministry"]


def test_a_pull_quote_heading_in_single_marks_has_no_speaker() -> None:
    body = (
        "“We have to keep every plant in this state open,” Jane Doe said. “It is our town.”\n\n"
        "'A fight for every job.'\n\n"
        "The plant opened in 1971 and employs 1,400 people, she said."
    )
    speakers = {q.text: q.speaker for q in find_quotes(body)}
    assert speakers["A fight for every job."] is None
    assert speakers["It is our town."] == "Jane Doe"


def test_a_follow_on_quote_in_doubled_apostrophes_keeps_its_speaker() -> None:
    body = (
        "''We have to keep every plant in this state open,'' said Jane Doe.\n\n"
        "''The lesson is that none of the old rules apply any more.''"
    )
    assert [s for s, _ in speech(body)] == ["Jane Doe", "Jane Doe"]


def kinds(body: str) -> dict[str, str]:
    return {q.text: q.kind for q in find_quotes(body)}


def test_quoted_words_modifying_a_noun_are_a_term_not_speech() -> None:
    body = (
        "Officials studied a federal “supermax” prison in Colorado, and a former official said "
        "none of the files reached the “top secret” level. The boy wore a 'Make America Great "
        "Again' hat."
    )
    found = kinds(body)
    assert found["supermax"] == "term"
    assert found["top secret"] == "term"
    assert found["Make America Great Again"] == "term"


def test_quoted_words_before_a_verb_stay_speech() -> None:
    body = (
        "Jane Doe said in the letter that the advertisement “plainly and wrongly” suggests "
        "the city endorsed the plan, and that “exactly who did it” remains unknown."
    )
    found = kinds(body)
    assert found["plainly and wrongly"] == "speech"
    assert found["exactly who did it"] == "speech"


def test_a_title_after_told_or_an_interview_with_is_the_show_not_speech() -> None:
    body = (
        "“Of course he is fair game,” Jane Doe told “Morning Coffee Live,” a talk show.\n\n"
        "In an interview with “Sunday Politics Hour,” Mark Roe said the plan would pass."
    )
    found = kinds(body)
    assert found["Morning Coffee Live,"] == "term"
    assert found["Sunday Politics Hour,"] == "term"
    assert found["Of course he is fair game,"] == "speech"


def test_a_surname_with_an_honorific_is_a_person_for_pronouns() -> None:
    body = (
        "Vice President Mark Smith introduced Mr. Roe at the museum.\n\n"
        "Mr. Roe spoke for an hour. “We are not a burden on this country and never were,” "
        "he said."
    )
    assert speech(body) == [("Roe", "person")]


def test_a_role_two_people_hold_stays_a_description() -> None:
    body = (
        "Vice President Mark Smith introduced President Roe at the museum.\n\n"
        "Mr. Roe spoke for an hour. “We are not a burden on this country and never were,” "
        "the president said."
    )
    assert speech(body) == [("the president", "anonymous")]


def test_he_or_she_right_after_a_quote_is_that_quotes_speaker() -> None:
    body = (
        "Mark Roe founded the center with Jane Doe in 1990.\n\n"
        "“We will win this fight in the fall,” Doe says, smiling at the crowd in the hall.\n\n"
        "“It is cheaper too, and everyone knows it,” she adds."
    )
    assert [s for s, _ in speech(body)] == ["Jane Doe", "Jane Doe"]


def test_he_or_she_after_someone_else_is_named_is_not_the_previous_speaker() -> None:
    body = (
        "“We will win this fight in the fall,” Jane Doe says, smiling at the crowd.\n\n"
        "Mark Roe spoke after her. “It is cheaper too, and everyone knows it,” he said."
    )
    assert [s for s, _ in speech(body)] == ["Jane Doe", "Mark Roe"]


def test_according_to_right_after_a_quote_is_its_source() -> None:
    body = "“The agency will finish its review before the summer,” according to the Daily Ledger."
    assert speech(body)[0][0] == "the Daily Ledger"


def test_one_of_a_group_is_an_unnamed_source() -> None:
    body = (
        "Aides met on Monday. “There will be no path for the challenger,” said one of those "
        "advisers, who spoke on the condition of anonymity."
    )
    speaker, kind = speech(body)[0]
    assert speaker == "one of those advisers" and kind == "anonymous"


def test_one_of_them_is_no_description() -> None:
    body = "“There will be no path for the challenger,” said one of them."
    assert speech(body)[0][0] is None


def test_the_object_of_called_is_not_the_speaker() -> None:
    body = (
        "Mark Roe praised the staff.\n\n"
        "And Skelly called Braynard “a real smart guy. I like him a lot.”\n\n"
        "Jane Doe thanked its members and called National Nurses United “one of the sponsors "
        "of my campaign and I appreciate that.”"
    )
    assert [s for s, _ in speech(body)] == ["Skelly", "Jane Doe"]


def test_a_cue_with_a_lower_case_title_or_a_description_after_a_quote() -> None:
    body = (
        "“The first line of defense is within the community,” said former secretary of state "
        "Jane Doe, who praised the mayor.\n\n"
        "“It is not what he meant at all, and we said so,” Roe's senior communications adviser "
        "Jason Miller said in a statement.\n\n"
        "“The extent of the harm caused by the leak is incalculable,” federal prosecutors wrote "
        "in a filing.\n\n"
        "“The kids do not like him, and they are happy with the new man,” this source told the "
        "Ledger."
    )
    assert speech(body) == [
        ("Jane Doe", "person"),
        ("Jason Miller", "person"),
        ("federal prosecutors", "anonymous"),
        ("this source", "anonymous"),
    ]


def test_a_short_term_before_a_clause_takes_no_loose_cue() -> None:
    body = (
        "Mark Roe told a town hall that waterboarding is “peanuts,” compared to what the "
        "militants are doing.\n\n"
        "“He can assert it, but it seems extremely unlikely” that Roe can win, said Jane Doe."
    )
    speakers = {q.text: q.speaker for q in find_quotes(body)}
    assert speakers["peanuts,"] in {None, "Mark Roe"}
    assert speakers["He can assert it, but it seems extremely unlikely"] == "Jane Doe"


def test_a_title_after_book_or_autobiography_is_a_term() -> None:
    body = (
        "Mark Roe paid $8 million for the plane, according to his book “The Art of the Bargain.” "
        "Jane Doe described the merger in her autobiography, “A Time for Courage,” last year."
    )
    found = kinds(body)
    assert found["The Art of the Bargain."] == "term"
    assert found["A Time for Courage,"] == "term"


def test_doubled_apostrophes_are_one_double_mark_around_an_inner_quote() -> None:
    body = (
        "''When the company says, 'We cannot do this,' I do not believe that,'' said Jane "
        "Doe, a professor.\n\n"
        "''I would use the word 'old-school,''' said Mark Roe."
    )
    found = [(q.text, q.kind, q.speaker) for q in find_quotes(body)]
    outer = "When the company says, 'We cannot do this,' I do not believe that,"
    assert found == [
        (outer, "speech", "Jane Doe"),
        ("We cannot do this,", "term", None),
        ("I would use the word 'old-school,'", "speech", "Mark Roe"),
        ("old-school,", "term", None),
    ]


def test_a_paragraph_of_speech_in_single_marks_keeps_its_speaker() -> None:
    """British outlets put a speaker's words in single marks, often a paragraph of their own:
    not a pull-quote heading."""
    introduced = (
        "The funeral was held on Friday. His mother Jane Smith said:\n\n"
        "'We are heartbroken.'\n\nThe service lasted an hour."
    )
    assert speech(introduced) == [("Jane Smith", "person")]
    following = (
        "Jane Smith paid tribute to her son at the inquest on Friday.\n\n"
        "'He was a kind boy who loved his football and his friends,' she said.\n\n"
        "'He would have been twenty next week and we had planned a party for him.'\n\n"
        "The inquest was adjourned."
    )
    assert [speaker for speaker, _ in speech(following)] == ["Jane Smith", "Jane Smith"]


def test_according_to_a_poll_or_a_study_is_no_source_of_words() -> None:
    assert speech("According to the latest polls, Jane Doe said “we will win this.”") == [
        ("Jane Doe", "person")
    ]
    assert speech("“We will win this,” Jane Doe said, according to a new study.") == [
        ("Jane Doe", "person")
    ]


def test_she_is_not_a_man_the_article_calls_mr() -> None:
    body = (
        "Mrs. Doe met voters in Ohio. Mr. Roe spoke after her about the budget.\n\n"
        "“It does not make me nervous,” she added, smiling at the crowd in the hall."
    )
    assert speech(body)[0][0] == "Doe"


def test_told_takes_no_inverted_speaker() -> None:
    body = (
        "Gen Roe said his wife travels a lot.\n\n"
        "Gen Roe told the Ledger: “Some people think that women should stay home and do "
        "nothing at all.”"
    )
    assert [s for s, _ in speech(body)] == ["Roe"]


def test_a_sentence_between_a_quote_and_he_said_ends_the_previous_turn() -> None:
    body = (
        "Mark Roe hurt his ankle in the mixed doubles.\n\n"
        "“He has to strengthen it enough to cope,” said team doctor Jane Doe. “It would be very "
        "unlikely for him to play twice.”\n\n"
        "The Australian has suffered a host of injuries but still hopes to play. “It's "
        "something I'll have to go by feel,” he said."
    )
    assert [s for s, _ in speech(body)] == ["Jane Doe", "Jane Doe", "Mark Roe"]


def test_he_opening_a_sentence_after_a_term_of_someone_else_is_the_subject() -> None:
    body = (
        "Mark Roe denied that his spokesman, Tim Yeo, said the plans “stink”. He also said he "
        "was confident his deputy would “set out the position very clearly” next week."
    )
    assert speech(body)[-1][0] == "Mark Roe"


def test_a_quote_after_said_in_a_statement_is_that_speakers() -> None:
    body = (
        "The count went on all night.\n\nSam Lau said in a statement. “There are no paper "
        "ballots to recount on Monday.”"
    )
    assert speech(body)[0][0] == "Sam Lau"


def test_a_word_opening_the_sentence_is_not_part_of_the_name_after_it() -> None:
    """ "Like Anna Berg", and the German "Wie Anna Berg" in an English article: the English
    rules took the capitalised opener as a first name."""
    tail = "\n\nThe committee met again on Tuesday and the members agreed that it was over."
    for opener in ("Like", "Wie"):
        body = f"{opener} Anna Berg stressed: “We are ready for the vote.”{tail}"
        assert [name for name, _ in speech(body)] == ["Anna Berg"]


def test_a_surname_that_opens_german_sentences_is_still_a_name() -> None:
    """ "Wie" is a sentence opener only before a name ("Wie Anna Berg betonte"); alone it is
    Michelle Wie's surname."""
    body = (
        "Wie leads in Hawaii\n\nMichelle Wie shot a 66 on Saturday to take a two-shot lead at "
        "the LPGA event in Hawaii, where the crowd was large and loud all day long. “I felt "
        "really good out there and the putts were dropping,” Wie said after the round."
    )
    assert [q.speaker for q in find_quotes(body)] == ["Michelle Wie"]
