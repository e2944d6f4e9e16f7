"""German quotations: when a quoted phrase is someone's words, and when it names something.

German news quotes single words and short phrases of what people said ("nannte den Bericht
eine „Zeitungsente“"), and puts names of works, bodies, laws and mottos in the same marks
("unter dem Motto „...“", "die „Kampagne für ein Freies Tibet“", "„...“ (CUD)"). Every German
noun is capitalised, so the English test "every word capitalised: a title" does not apply.
"""

from __future__ import annotations

import re

from reader.models import QuoteKind
from reader.quotes.german_words import PREPOSITIONS, SUBJUNCTIVE
from reader.quotes.marks import Span
from reader.quotes.word_lists import words

_WORD_RE = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
# Reported speech: a reporting verb, "laut", "zufolge" or the subjunctive of indirect speech
# in the quote's sentence ("Die Klauseln seien „alarmierend“", "nannte ihn einen „Lügner“");
# words as common as "gab" (es gab) or "dass" do not count.
_REPORTED = SUBJUNCTIVE | words(
    "hätten würden sagte sagt sagten sagen erklärte erklärt erklärten betonte betont meinte "
    "meint nannte nannten nennt bezeichnete bezeichneten bezeichnet warf warfen wirft warnte "
    "warnten warnt kritisierte kritisierten kritisiert forderte forderten fordert sprach "
    "sprachen spricht kündigte verwies räumte beklagte beklagten äußerte äußerten "
    "bekräftigte bekräftigt versprach verspricht riet rät lobte würdigte attackierte wies "
    "bestritt bestreitet zweifelte bezweifelte hält zitiert zitierte schrieb schreibt "
    "skandierte skandierten rief riefen parole parolen aufschrift zufolge laut beurteilte "
    "bewertete wertete berichtete berichteten berichtet meldete meldeten verkündete "
    "verkündeten charakterisierte urteilte kommentierte unterstrich bemängelte monierte "
    "prangerte prangerten beschrieb beschreibt"
)
_SENTENCE_END = re.compile(r"[.!?]\s|\n\n")
_DEFINITE = frozenset(("der", "die", "das", "den", "dem", "des"))
_CONTRACTED = frozenset(("im", "zum", "zur", "beim", "vom"))
# Before a publication or body named as a source: "laut „Tagesspiegel“", "schrieb „Die Zeit“".
_SOURCE_BEFORE = frozenset(
    ("laut", "gegenüber", "zitiert", "zitierte", "schrieb", "schreibt", "meldete", "meldet",
     "berichtete", "berichtet", "von", "vom")
)  # fmt: skip
# Nouns that introduce a name in apposition: "das Motto „...“", "der Film „...“".
_NAMING = (
    "motto", "titel", "namen", "name", "buch", "film", "lied", "album", "musical", "roman",
    "oper", "stück", "song", "single", "serie", "sendung", "organisation", "gruppe",
    "zeitung", "blatt", "agentur", "magazin", "magazins", "magazines", "zeitschrift", "typs",
    "typ", "auszeichnung", "preis", "preises", "kampagne", "aktion", "gewerkschaft", "partei",
    "firma", "schiff", "yacht", "frachter", "bündnis", "initiative", "verein", "projekt",
    "programm", "operation", "begriff", "bezeichnung", "marke", "modell", "rakete",
    "satellit", "sonde", "mission", "raumflug", "restaurant", "hotel", "haltestelle",
    "wirbelsturm", "hurrikan", "stern", "gesetz", "gesetzes", "studie", "plan", "spiel",
    "spiels", "ausstellung", "festival", "lokal", "cd", "dvd", "label", "sender", "site",
    "seite", "portal", "modelle", "slogan", "kollektiv",
)  # fmt: skip
# Words ending like a naming noun that name nothing: "Parolen wie zum Beispiel „...“".
_NOT_NAMING = frozenset(("beispiel",))
# Small words inside a title ("Ehrenzeichen ... für Verdienste um die Republik Österreich").
_SMALL = PREPOSITIONS | words(
    "der die das des dem den und für zur zum von vom in im mit am an auf ohne of the for "
    "and de la le du ein eine einen einem eines über gegen unter zu bei nach aus als"
)
# "nennt sich „documenta 12“", "die sich „Wächter“ nennen"; not "habe sich „...“ stranguliert".
_SPOKE_OF = words("sprach sprachen spricht sprechen gesprochen rede")
_NAMING_VERB = re.compile(r"\s*(?:\w+\s+){0,2}?(?:nenn|nann|bezeichne|heiß|hieß|tauft)\w*")
_SELF_NAMED = re.compile(r"\bsich(?: selbst)?(?: als)?\s*$")
_GLOSS_BEFORE = re.compile(r"\((?:etwa|deutsch|dt\.|übersetzt|engl\.)[:,]?\s*$")
_SO_CALLED = re.compile(r"(?:so ?genannt|namens|genannt)\w*\s*$", re.IGNORECASE)
_ABBREVIATION_AFTER = re.compile(r"\s*\((?:[A-ZÄÖÜ][\w\-.]{1,9})\)")


def german_kind(body: str, span: Span, kind: QuoteKind) -> QuoteKind:
    """The kind of a German quote that is no nested quote: a name of something is a term,
    a phrase in a sentence reporting speech is speech, else the language-blind kind."""
    if names_something(body, span):
        return "term"
    if kind == "speech" or reported_in_german(body, span):
        return "speech"
    return "term"


def names_something(body: str, span: Span) -> bool:
    """ "das Motto „...“", "die „Aktion Deutschland hilft“", "„...“ (CUD)": a name of a work,
    body, law or motto, not someone's words."""
    text = body[span.start : span.end]
    words = _WORD_RE.findall(text)
    if not words:
        return False
    before = body[max(0, span.start - 40) : span.start - 1]
    if _written_as_name(body, span, text, words) or _introduced_as_name(body, span, before, words):
        return True
    return _named_by_words_before(body, span, before, words)


def _written_as_name(body: str, span: Span, text: str, words: list[str]) -> bool:
    """A name by its own form or place: markup, a list of titles, a web address, a legal
    form, a foreign title, the subject of a verb of reporting."""
    if body[span.start - 1 : span.start] == "'":
        return True  # wiki markup ''Le Monde'', not a German quotation mark
    if text[:1].isupper() and _list_length(body, span) >= 3:
        return True  # "Themen wie „A“, „B“ oder „C“": titles listed
    earlier = _previous_item(body, span)
    if earlier is not None and names_something(body, earlier):
        return True  # "die Modelle „Touareg“ und „Phaeton“"
    if " " not in text and "." in text.strip(".") and text[:1].isalnum():
        return True  # "laut „tagesschau.de“": a web address
    if _LEGAL_FORM.search(text):
        return True  # "die „Nichtraucher-Initiative Deutschland e.V. (NID)“"
    if _subject_name(body, span, text, words):
        return True  # "„BBC News“ berichtet unter Berufung auf ..."
    return _foreign_title(text, words) and not reported_in_german(body, span)


def _introduced_as_name(body: str, span: Span, before: str, words: list[str]) -> bool:
    """A name by the words around it: "die so genannte „Tricolore“", "nennt sich „X“",
    "Mozgalom („Bewegung für ein besseres Ungarn“)", "der Zeitschrift „Automobilwoche“"."""
    text = body[span.start : span.end]
    self_named = _SELF_NAMED.search(before) and (
        re.search(r"\bals\s*$", before)
        or _NAMING_VERB.search(before[-25:])
        or _NAMING_VERB.match(body, span.end + 1)
    )
    if _SO_CALLED.search(before) or self_named:
        return True
    glossed = before.endswith("(") and len(words) <= 6 and text[-1:] not in ".!?"
    if glossed or _GLOSS_BEFORE.search(before):
        return True
    return _apposed_name(before, text, words)


def _named_by_words_before(body: str, span: Span, before: str, words: list[str]) -> bool:
    """A name by the word right before it: "unter dem Motto „...“", "laut „Tagesspiegel“",
    "der „Focus“", "einem „Gesetz zur Bekämpfung ...“"; "„...“ (CUD)"."""
    text = body[span.start : span.end]
    previous = [w.lower() for w in _WORD_RE.findall(before)]
    naming = previous[-1:] and previous[-1].endswith(_NAMING) and previous[-1] not in _NOT_NAMING
    if len(previous) > 1 and naming and before.rstrip()[-1:].isalpha():
        return before.rstrip().split()[-1][:1].isupper()  # "unter dem Motto „...“"
    if len(previous) > 1 and previous[-1].endswith(_NAMES) and before.rstrip().endswith(":"):
        return True  # "(Codenamen: „Maelstrom“)", not "sagte der Zeitschrift: „...“"
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    if _ABBREVIATION_AFTER.match(body, span.end + 1):
        return True  # "„Koalition für Einheit und Entwicklung“ (CUD)"
    if not previous or not before[-1:].isspace():
        return False
    title = all(w[:1].isupper() or w.lower() in _SMALL for w in words) and len(words) <= 12
    if previous[-1] == "von" and _SPOKE_OF & set(previous[-6:-1]):
        return False  # "sprachen in diesem Zusammenhang von „Panikverkäufen“"
    if previous[-1] in _SOURCE_BEFORE:
        return title and len(words) <= 4  # "laut „Tagesspiegel“", "Geschäftsführer von „Ener1“"
    return _after_article(previous, text, words, title)


def _after_article(previous: list[str], text: str, words: list[str], title: bool) -> bool:
    """After an article: a naming noun opening the quote ("einem „Gesetz zur ...“", "die
    „Aktion Deutschland hilft“"), a title or one or two words ("der „Focus“")."""
    article = previous[-1] in _DEFINITE | _CONTRACTED or (
        len(previous) > 1 and previous[-2] in _DEFINITE and previous[-1].endswith(("e", "en"))
    )
    if article or previous[-1] in _INDEFINITE:
        head = words[0].lower()
        if head.endswith(_NAMING) and head not in _NOT_NAMING and not _SENTENCE.search(text):
            return True
    return article and (title or len(words) <= 2)


_NAMES = ("name", "namen", "titel", "motto", "slogan", "bezeichnung", "begriff")
_LEGAL_FORM = re.compile(r"(?:\be\. ?V\.|\bGmbH\b|\bAG\b|\bag\b|\bInc\.|\bLtd\.?)")
_VERB_AFTER = re.compile(r"[“”\"»«]\s+(?:sowie\b|und\b|[a-zäöüß]+(?:t|te|ten|en)\b)")


def _subject_name(body: str, span: Span, text: str, words: list[str]) -> bool:
    """A short name opening a sentence and followed by its verb, with no comma between
    ("„BBC News“ berichtet", "„Ärzte ohne Grenzen“ sowie das Rote Kreuz kündigten an"):
    a quotation ends its sentence or is set off by a comma."""
    if len(words) > 4 or text[-1:] in ".!?,…" or not text[:1].isupper():
        return False
    opening = body[max(0, span.start - 3) : span.start - 1]
    if opening.strip() and not opening.rstrip().endswith((".", "!", "?", ":")):
        return False
    title = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL for w in words)
    return title and _VERB_AFTER.match(body, span.end) is not None


# Nouns that introduce words said or written, not a name: "mit der Aufschrift „...“".
_WORDING = words(
    "aufschrift parole parolen worte worten wort satz sätze zitat spruch sprüche frage antwort "
    "feststellung behauptung vorwurf appell forderung aussage warnung botschaft ruf rufe "
    "überschrift schlagzeile losung erklärung mitteilung fazit beispiel"
)
_NOUN_BEFORE = re.compile(r"\b([A-ZÄÖÜ][\w\-]*[a-zäöüß])\s*$")


def _apposed_name(before: str, text: str, words: list[str]) -> bool:
    """A capitalised phrase right after a noun, with no colon or comma between, is the
    noun's name: "der Zeitschrift „Automobilwoche“", "Enzyklika „Deus caritas est“"."""
    if not text[:1].isupper() or text[-1:] in ".!?…" or len(words) > 8:
        return False
    noun = _NOUN_BEFORE.search(before)
    if noun is None or noun.group(1).lower() in _WORDING:
        return False
    preceding = before[: noun.start()].rstrip()
    if not preceding or preceding[-1:] in ".!?:" or not preceding[-1:].isalpha():
        return False
    return not preceding.lower().endswith((" laut", " zufolge", " wie"))  # a source: "laut X"


_INDEFINITE = words("ein eine einen einem eines einer")
_SENTENCE = re.compile(r"[.!?,;:]")
_FOREIGN_SMALL = words("a an the of and for to my your is are da do la le les du del el y mi")
_GERMAN_SMALL = words(
    "der die das den dem des und ist nicht ein eine mit für von zu sich wir ich es sie er auf im"
)


def _foreign_title(text: str, words: list[str]) -> bool:
    """A short title in another language, with no sentence mark: "Have a nice day",
    "Correio da Manhã" (German articles quote foreign speech in whole sentences)."""
    if len(words) > 6 or not text[:1].isupper() or _SENTENCE.search(text.rstrip(".")):
        return False
    lower = {w.lower() for w in words}
    return bool(lower & _FOREIGN_SMALL) and not lower & _GERMAN_SMALL


_JOINED = re.compile(r"[“”\"»«]\s*(?:,|und|oder|sowie)\s*$")
_OPENING = '„“«»"'
_NEXT_ITEM = re.compile(r"[“”\"»«]\s*(?:,|und|oder|sowie)\s*[„“«»\"]")


def _previous_item(body: str, span: Span) -> Span | None:
    """The quote before this one when only a comma, "und" or "oder" stands between them."""
    gap = body[max(0, span.start - 12) : span.start - 1]
    joined = _JOINED.search(gap)
    if joined is None:
        return None
    end = span.start - 1 - (len(gap) - joined.start())
    opening = max(body.rfind(mark, max(0, end - 200), end) for mark in _OPENING)
    return Span(opening + 1, end) if opening >= 0 and opening + 1 < end else None


def _list_length(body: str, span: Span) -> int:
    """How many quotes stand in a list with this one, joined by commas, "und", "oder"."""
    count, current = 1, span
    while count < 6 and (earlier := _previous_item(body, current)) is not None:
        count, current = count + 1, earlier
    position = span.end
    while count < 6 and (joined := _NEXT_ITEM.match(body, position, position + 20)):
        closing = min(
            (
                i
                for i in (body.find(m, joined.end(), joined.end() + 200) for m in '“”"»«')
                if i >= 0
            ),
            default=-1,
        )
        if closing < 0:
            break
        count, position = count + 1, closing
    return count


def reported_in_german(body: str, span: Span) -> bool:
    """A short German quote is someone's words when its sentence reports speech."""
    before = body[max(0, span.start - 300) : span.start]
    ends = list(_SENTENCE_END.finditer(before))
    start = span.start - len(before) + (ends[-1].end() if ends else 0)
    after = _SENTENCE_END.search(body, span.end, span.end + 300)
    sentence = body[start : after.start() if after else span.end + 300]
    if not _WORD_RE.search(body[span.start : span.end]):
        return False
    masked = sentence.replace(body[span.start : span.end], " ")
    return any(word.lower() in _REPORTED for word in _WORD_RE.findall(masked))
