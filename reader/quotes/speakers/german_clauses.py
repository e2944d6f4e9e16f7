"""The speaker of a German sentence's verb of saying, read from where the verb stands.

A main clause puts its finite verb second: the subject stands right before it ("Die
Sprecherin der Fraktion, Sandra Boser, erklärte: „...“") or right after it when something
else opens the clause ("Gegenüber dem Tagesspiegel sagte der Linkspolitiker: „...“"). A
subordinate clause puts the verb last and its subject first ("zumal Verteidiger Wolfgang
Dingfelder betont hatte, ...", "weil die US-Regierung Georgien als „...“ bezeichnet hat").
"X zitiert Y" gives Y's words. The verb nearest the quote decides; for a sentence with no
verb of saying the caller (reader.quotes.speakers.german) keeps its older reading, the first
subject of a sentence after a colon or with a reporting word.
"""

from __future__ import annotations

from reader.quotes.german_words import (
    ACCORDING_NOUNS,
    ADVERBS,
    AFTER_VERB,
    AMBIGUOUS_SUBORDINATORS,
    PREPOSITIONS,
    REPORTING_VERBS,
    SPEECH_VERBS,
    SUBORDINATORS,
    body_noun,
    person_noun,
)
from reader.quotes.speakers.german_chunks import Chunk, chunks
from reader.quotes.speakers.german_names import not_name
from reader.quotes.speakers.german_phrases import PhraseSpeakers
from reader.quotes.speakers.identity import PERSON, Speaker
from reader.quotes.speakers.tokens import Token
from reader.quotes.word_lists import words

_QUOTING = words("zitiert zitierte zitieren")
_PASSIVE = words("wird wurde werden wurden worden")
# Words opening a subordinate clause whose verb stands last.
_OPENERS = words("dass daß weil zumal nachdem obwohl obgleich wenn ob sodass indem wonach wobei")
_SUBJECT_OPENERS = words("der die das ein eine er sie")
_RELATIVE = words("der die das den dem deren dessen welche welcher welches")
_BOUNDARIES = frozenset((",", ";", ":", "–", "—"))
_JOINING = words("und oder sowie")
_AUXILIARIES = words("hat hatte hatten habe haben ist war sind waren wurde wird")
# Between a subject and its verb: "Sandra Boser (GRÜNE), erklärte", "X immer wieder betont".
_BETWEEN = ADVERBS | AFTER_VERB | words("immer wieder nicht nie stets mehrfach selbst selber")


def verb_subject(
    phrases: PhraseSpeakers, before: list[Token], after: list[Token]
) -> tuple[bool, Speaker | None]:
    """(whether the sentence has a verb of saying, who its subject is)."""
    end = next((i for i, t in enumerate(after) if t.text in {".", "!", "?"}), len(after))
    tokens = [*before, *after[:end]]
    quote = len(before)
    following = next(
        (i for i in range(quote, len(tokens)) if tokens[i].text in _BOUNDARIES | _JOINING),
        len(tokens),
    )  # a verb after the quote speaks only in the quote's own clause
    verbs = [i for i, t in enumerate(tokens[:following]) if _speaking(tokens, i)]
    if not verbs:
        return False, None
    nearest = min(verbs, key=lambda i: (quote - i - 1 if i < quote else i - quote, i >= quote))
    return True, _subject_of(phrases, tokens, nearest)


def _speaking(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    if token.capital or not token.is_word:
        return False
    if token.lower == "gab":  # "gab bekannt", not "es gab"
        return any(t.lower in {"bekannt", "zu"} for t in tokens[i + 1 : i + 12])
    return token.lower in SPEECH_VERBS


def _boundary(tokens: list[Token], i: int) -> bool:
    """A clause boundary; a full stop only after a word ("Bundesanzeiger.Mats Schönauer
    schreibt"), not after "Dr." or "20."."""
    text = tokens[i].text
    if text == ".":
        return i > 0 and tokens[i - 1].is_word and len(tokens[i - 1].text) >= 4
    return text in _BOUNDARIES


def _subject_of(phrases: PhraseSpeakers, tokens: list[Token], verb: int) -> Speaker | None:
    """The subject of the verb at `verb`, by the kind of clause it stands in."""
    start = max((i + 1 for i in range(verb) if _boundary(tokens, i)), default=0)
    clause_end = next(
        (i for i in range(verb + 1, len(tokens)) if tokens[i].text in _BOUNDARIES), len(tokens)
    )
    if start < verb:
        verb_last, speaker = _verb_last_subject(phrases, tokens, start, verb, clause_end)
        if verb_last:
            return speaker
    found = chunks(tokens)
    if tokens[verb].lower in _QUOTING and not any(
        t.lower in _PASSIVE for t in tokens[start:clause_end]
    ):
        quoted = _quoted_person(phrases, tokens, found, verb, clause_end)
        if quoted is not None:
            return quoted
    if verb > start and tokens[verb - 1].lower in _JOINING:
        # "X befand ... und nannte Y „...“": the subject of the first verb
        return phrases.first_speaker(tokens[start : verb - 1], first_only=True)
    return _main_clause_subject(phrases, tokens, found, (start, verb, clause_end))


def _verb_last_subject(
    phrases: PhraseSpeakers, tokens: list[Token], start: int, verb: int, clause_end: int
) -> tuple[bool, Speaker | None]:
    """A subordinate or relative clause opening at `start` puts its verb last and its
    subject first: (whether the clause is one, its subject)."""
    opener = tokens[start].lower
    final = clause_end == verb + 1 or tokens[verb + 1].lower in _AUXILIARIES
    if opener in _OPENERS or (opener in AMBIGUOUS_SUBORDINATORS and final):
        # "Während Shakira erklärte, ...": verb last, subject first
        return True, phrases.first_speaker(tokens[start + 1 : verb + 1], first_only=True)
    if opener in _RELATIVE and not tokens[start].capital:
        # ", die Gerhard Schröder ... erklärt hatte:": a subject after the pronoun speaks;
        # ", der den Plan „...“ nannte": the pronoun is the subject, whose words are unclear
        following = tokens[start + 1] if start + 1 < verb else None
        if following is None or not (following.capital or following.lower in _SUBJECT_OPENERS):
            return True, None
        return True, phrases.first_speaker(tokens[start + 1 : verb + 1], first_only=True)
    return False, None


def _main_clause_subject(
    phrases: PhraseSpeakers, tokens: list[Token], found: list[Chunk], clause: tuple[int, int, int]
) -> Speaker | None:
    """The subject of a main clause (`clause`: its start, the verb, its end): the phrase
    right before the finite verb, else the one after it."""
    start, verb, clause_end = clause
    auxiliary = next((i for i in range(start, verb) if tokens[i].lower in _AUXILIARIES), -1)
    if auxiliary > start:
        verb = auxiliary  # "Stoiber hatte die Rolle ... betont:": the finite verb is second
    before = _chunk_before(tokens, found, verb, start)
    if before is not None and before.governed and _particle_name(phrases, tokens, before):
        before = before._replace(governed=False)  # "Von der Leyen betonte, ..."
    if before is not None and not before.governed:
        speaker = phrases.speaker(before, tokens)
        if speaker is None and before.end == verb and tokens[verb].lower in REPORTING_VERBS:
            speaker = phrases.unknown(before, tokens)  # "Die Kanadier hingegen sagen, ..."
        if speaker is not None:
            return speaker
    k = verb + 1
    while k < clause_end and tokens[k].lower in AFTER_VERB:
        k += 1
    return speaker_after_verb(phrases, tokens[verb], tokens[k:clause_end])


def _chunk_before(tokens: list[Token], found: list[Chunk], verb: int, start: int) -> Chunk | None:
    """The noun phrase standing right before the verb (parentheses, adverbs and the commas
    of an apposition may come between)."""
    for chunk in reversed(found):
        if chunk.end > verb or (chunk.first and tokens[chunk.first - 1].text == "("):
            continue  # after the verb, or in parentheses: "Henning Scherf (SPD), warnte"
        named = _named_before(tokens, found, chunk)
        depth = 0
        for token in tokens[chunk.end : verb]:
            depth += (token.text == "(") - (token.text == ")")
            if depth or token.text in {"(", ")"} or token.lower in _BETWEEN:
                continue
            if token.text == "," and (chunk.apposed or named is not None):
                continue
            return None
        if named is not None:
            return named
        if chunk.first < start and not chunk.apposed:
            return None
        return chunk
    return None


def _named_before(tokens: list[Token], found: list[Chunk], chunk: Chunk) -> Chunk | None:
    """ "Halima Jouini, Vorstandsmitglied der Menschenrechtsliga, sagte": the name before a
    role in apposition."""
    if chunk.determiner or not person_noun(chunk.capitals[0]) or chunk.first < 2:
        return None
    if tokens[chunk.first - 1].text != ",":
        return None
    named = next((c for c in found if c.end == chunk.first - 1), None)
    if named is None or named.determiner or named.governed or len(named.capitals) < 2:
        return None
    return None if any(_noun(w) for w in named.capitals) else named


def _quoted_person(
    phrases: PhraseSpeakers, tokens: list[Token], found: list[Chunk], verb: int, end: int
) -> Speaker | None:
    """ "Ein Fernsehsender zitierte Papandreou mit den Worten:", "zitiert ndr.de
    Polizeisprecher Ralf Meyer": the person after the verb of quoting."""
    people = [
        speaker
        for chunk in found
        if verb < chunk.first < end
        and (chunk.first == 0 or tokens[chunk.first - 1].lower not in {"mit", "in", "im"})
        if (speaker := phrases.speaker(chunk, tokens)) is not None
        and (speaker.kind == PERSON or person_noun(chunk.capitals[-1]))
    ]
    return people[-1] if people else None


_SAYING_NOUNS = ACCORDING_NOUNS | words("fazit resümee kommentar urteil worte")
_HEISST = words("heißt hieß")


def so_source(phrases: PhraseSpeakers, tokens: list[Token]) -> Speaker | None:
    """ "„...“, so Rice", "..., so Elshorst weiter:", "so das Fazit der Betreiber von X",
    "so heißt es in einer Erklärung"."""
    if not tokens or tokens[0].lower in SUBORDINATORS:
        return None  # "so dass"
    if len(tokens) > 2 and tokens[0].lower in _HEISST and tokens[1].lower == "es":
        return phrases.first_speaker(tokens[2:12], governed_ok=True)
    found = chunks(tokens[:12])
    if found and found[0].first <= 1 and found[0].capitals[-1].lower() in _SAYING_NOUNS:
        tokens = tokens[found[0].first + 2 : 12]  # "so das Fazit der Betreiber von X"
        found = [c for c in chunks(tokens) if not c.first]
    speaker = phrases.first_speaker(tokens[:7], governed_ok=False, first_only=True)
    if speaker is None and found and found[0].first == 0:
        return phrases.unknown(found[0], tokens)  # any phrase after "so" is the source
    return speaker


def speaker_after_verb(phrases: PhraseSpeakers, verb: Token, clause: list[Token]) -> Speaker | None:
    """The subject right after the verb that follows a quote: "„...“, sagte X"; "„...“,
    zitiert ndr.de Polizeisprecher Ralf Meyer" gives Ralf Meyer; a single unknown name is a
    person here ("„...“, erklärte McClaren in einem Interview")."""
    found = chunks(clause)
    if verb.lower in _QUOTING:
        quoted = _quoted_person(phrases, clause, found, -1, len(clause))
        if quoted is not None:
            return quoted
    speaker = phrases.first_speaker(clause, first_only=True)
    if speaker is not None or verb.lower not in REPORTING_VERBS or not found:
        return speaker
    first = found[0]
    word = clause[first.first].text
    following = clause[first.end].lower if first.end < len(clause) else ""
    alone = not first.determiner and first.end == first.first + 1 and first.first == 0
    if alone and (not following or following in PREPOSITIONS) and not _noun(word):
        return Speaker(word, PERSON)
    return None


def _noun(word: str) -> bool:
    return not_name(word) or person_noun(word) or body_noun(word)


def _particle_name(phrases: PhraseSpeakers, tokens: list[Token], chunk: Chunk) -> bool:
    """ "Von der Leyen" opening a sentence: the particle of a known name, not a preposition."""
    particle = tokens[chunk.first - 1] if chunk.first else None
    opening = chunk.first == 1 or (chunk.first > 1 and tokens[chunk.first - 2].text in ".:")
    if particle is None or not opening or particle.text not in {"Von", "Van", "De", "Zu"}:
        return False
    return phrases.names.key(chunk.capitals[-1]) is not None
