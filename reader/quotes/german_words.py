"""German word lists for speakers: determiners by case, prepositions, clause openers, and
the nouns that name a person's role ("Bundeskanzlerin", "der SPD-Vorsitzende") or a body
("die Polizei", "das Auswärtige Amt")."""

from __future__ import annotations

from functools import lru_cache

from reader.quotes.word_lists import words

# A subject can open with these; the others mark a dative, accusative or genitive phrase.
NOMINATIVE = words("der die das ein eine")
# "dessen Stellvertreter teilte mit" is a subject; "seinem Sprecher", "ihres Anwalts" are not.
OBLIQUE = words(
    "dem den des einem einen eines einer seinem seinen seines ihrem ihren ihres unserem unseres"
)
POSSESSIVES = words(
    "sein seine seiner seinen seinem seines ihr ihre ihrer ihren ihrem ihres dessen deren unser "
    "unsere"
)
INDEFINITE = words("ein eine einige mehrere viele zahlreiche manche")
PREPOSITIONS = words(
    "in im ins an am ans auf aufs aus bei beim mit nach von vom zu zum zur für über unter vor "
    "gegen gegenüber durch ohne um seit bis trotz wegen während als zwischen hinter neben "
    "dank innerhalb außerhalb angesichts aufgrund entgegen gemäß per pro statt anstatt "
    "unterhalb oberhalb jenseits infolge mittels anlässlich bezüglich hinsichtlich samt"
)
# Words opening a sentence that are neither its subject nor part of it ("Dazu gab X bekannt").
ADVERBS = words(
    "dazu dabei hier dann damals darunter deshalb daher zudem außerdem auch so jedoch "
    "allerdings später zuvor danach daraufhin heute gestern nun jetzt bereits schon inzwischen "
    "weiter ebenfalls demnach trotzdem dennoch anschließend zunächst schließlich gleichzeitig "
    "stattdessen deswegen darin darauf dafür dagegen davon hierzu hierbei insbesondere "
    "vorher morgen kürzlich erst noch zugleich immerhin offenbar angeblich wörtlich "
    "sinngemäß ferner überdies indes indessen mittlerweile bisher damit dort hierfür zuletzt "
    "vielmehr ausdrücklich erneut bislang außerdem weiterhin ebenso ähnlich"
)
SUBORDINATORS = words(
    "dass daß weil obwohl obgleich wenn als nachdem bevor während da ob seit seitdem sobald "
    "falls damit sodass indem wo wie um ehe bis solange"
)
# Subordinators that are prepositions or adverbs too ("Als „verpasste Chance“ beurteilte X",
# "Seit Jahren ...", "wie ein ..."): a clause they open is subordinate only when its verb
# stands last.
AMBIGUOUS_SUBORDINATORS = words("als wie um bis seit seitdem während")
# Between the verb and the subject after a quote: „...“, äußerte sich X / sagte dazu X.
AFTER_VERB = words(
    "sich auch dazu dabei weiter später noch jedoch zudem außerdem ebenfalls nun damals "
    "gestern heute bereits schon dann daraufhin abschließend allerdings hingegen dagegen "
    "wörtlich unter anderem anderem einmal erneut"
)
PRONOUNS = words("er sie")
# A quote's source given by a noun phrase: "nach Angaben von X", "nach Ansicht des X".
ACCORDING_NOUNS = words(
    "angaben ansicht meinung auffassung worten aussage aussagen einschätzung darstellung "
    "informationen überzeugung erkenntnissen berichten schätzung schätzungen urteil idee "
    "ankündigung bewertung beobachtung schilderung einschätzungen auskunft"
)

_PERSON_STEMS = (
    "sprecher", "sprecherin", "minister", "ministerin", "präsident", "präsidentin", "kanzler",
    "kanzlerin", "vorsitzende", "vorsitzender", "vorsitzenden", "chef", "chefin", "sekretär",
    "sekretärin", "beauftragte", "beauftragter", "meister", "meisterin", "leiter", "leiterin",
    "direktor", "direktorin", "experte", "expertin", "experten", "politiker", "politikerin",
    "abgeordnete", "abgeordneter", "senator", "senatorin", "botschafter", "botschafterin",
    "anwalt", "anwältin", "richter", "richterin", "trainer", "trainerin", "kommissar",
    "kommissarin", "premier", "gouverneur", "general", "offizier", "funktionär", "funktionärin",
    "vorstand", "führer", "führerin", "gründer", "gründerin", "autor", "autorin", "journalist",
    "journalistin", "wissenschaftler", "wissenschaftlerin", "forscher", "forscherin", "ermittler",
    "ermittlerin", "analyst", "analystin", "berater", "beraterin", "vertreter", "vertreterin",
    "manager", "managerin", "papst", "bischof", "kardinal", "könig", "königin", "diplomat",
    "diplomatin", "professor", "professorin", "arzt", "ärztin", "verteidiger", "verteidigerin",
    "kläger", "klägerin", "angeklagte", "angeklagter", "zeuge", "zeugin", "augenzeuge",
    "augenzeugen", "aktivist", "aktivistin", "aktivisten", "kritiker", "kritikerin", "gegner",
    "befürworter", "anhänger", "mitarbeiter", "mitarbeiterin", "geschäftsführer",
    "geschäftsführerin", "intendant", "regisseur", "regisseurin", "schauspieler",
    "schauspielerin", "sänger", "sängerin", "musiker", "künstler", "künstlerin", "komponist",
    "sportler", "sportlerin", "spieler", "spielerin", "ökonom", "ökonomen", "historiker",
    "schützer", "gewerkschafter", "student", "studentin", "studenten", "demonstranten",
    "polizist", "soldat", "pilot", "randalierer", "bürger", "einwohner", "anwohner", "bewohner",
    "verfasser", "verfasserin", "staatsanwalt", "staatsanwältin", "staatschef", "premierminister",
    "generalsekretär", "bürgermeisterin", "vizepräsident", "stellvertreter", "mitglied",
    "mitglieder", "meteorologen", "juristen", "ärzte", "wähler", "kandidat", "kandidatin",
    "veranstalter", "organisatoren", "eigentümer", "inhaber", "inhaberin", "redakteur",
    "chefredakteur", "herausgeber", "moderator", "moderatorin", "fahrer", "kapitän", "täter",
    "opfer", "unternehmer", "unternehmerin", "milliardär", "rabbiner", "imam", "pfarrer",
    "vorstandschef", "konzernchef", "teamchef", "parteichef", "kollege", "kollegin",
    "reporter", "reporterin", "korrespondent", "korrespondentin", "beobachter", "beobachterin",
    "passant", "passantin", "nachbar", "nachbarin", "teilnehmer", "teilnehmerin", "betreiber",
    "betreiberin", "initiator", "initiatorin", "initiatoren", "sprecherinnen",
)  # fmt: skip
_BODY_STEMS = (
    "regierung", "ministerium", "amt", "polizei", "gericht", "gerichtshof", "partei",
    "fraktion", "verband", "agentur", "zeitung", "kommission", "organisation", "behörde",
    "gewerkschaft", "unternehmen", "konzern", "bank", "stiftung", "institut", "universität",
    "verein", "bündnis", "komitee", "rat", "parlament", "bundestag", "bundesrat", "senat",
    "kongress", "armee", "militär", "staatsanwaltschaft", "magazin", "sender", "zeitschrift",
    "blatt", "presse", "nachrichtendienst", "dienst", "verwaltung", "union", "vereinigung",
    "bewegung", "initiative", "netzwerk", "konferenz", "gremium", "ausschuss", "kabinett",
    "koalition", "opposition", "vorstand", "gruppe", "firma", "klinik", "feuerwehr",
    "institution", "hochschule", "akademie", "kirche", "verlag", "club", "klub",
)  # fmt: skip
_DOCUMENT_STEMS = (
    "bericht", "studie", "erklärung", "mitteilung", "stellungnahme", "schreiben", "brief",
    "antrag", "gesetzentwurf", "entwurf", "urteil", "meldung", "text", "kommentar", "aufruf",
    "resolution", "beschluss", "gutachten", "homepage", "internetseite", "webseite", "website",
    "rede", "interview", "botschaft", "nachricht", "presseerklärung", "communiqué",
)  # fmt: skip


class _Endings:
    """Does a word end in one of these stems? (set lookups by length: faster than a regex
    of alternatives, which tries every position)."""

    def __init__(self, stems: tuple[str, ...]) -> None:
        self.stems = frozenset(stems)
        self.lengths = sorted({len(stem) for stem in stems})

    def search(self, lower: str) -> bool:
        return any(lower[-n:] in self.stems for n in self.lengths if n <= len(lower))


_PERSON_ENDS = _Endings(_PERSON_STEMS)
_BODY_ENDS = _Endings(_BODY_STEMS)
# Words that end like a role but are none ("Computer", "Sommer", "Mutter" is a person).
_NOT_ROLES = words("meister weltmeister rat ratten amtes")


_INFLECTIONS = ("nen", "en", "n", "es", "s")


@lru_cache(maxsize=16384)
def person_noun(word: str) -> bool:
    """A German noun for a person by role: "Bundeskanzlerin", "SPD-Vorsitzende", "Forscher",
    inflected too ("vom Abgeordneten", "des Sprechers", "den Ministerinnen")."""
    lower = word.lower().rsplit("-", 1)[-1] if "-" in word else word.lower()
    if _person_stem(lower):
        return True
    return any(
        lower.endswith(ending) and _person_stem(lower[: -len(ending)]) for ending in _INFLECTIONS
    )


def _person_stem(lower: str) -> bool:
    return lower not in _NOT_ROLES and _PERSON_ENDS.search(lower)


@lru_cache(maxsize=16384)
def document_noun(word: str) -> bool:
    """A German noun for a text that says something: "Bericht", "Pressemitteilung"."""
    lower = word.lower().rsplit("-", 1)[-1] if "-" in word else word.lower()
    return lower.endswith(_DOCUMENT_STEMS)


@lru_cache(maxsize=16384)
def body_noun(word: str) -> bool:
    """A German noun for a body that speaks as one: "Polizei", "Bundesregierung", "Amt"."""
    lower = word.lower().rsplit("-", 1)[-1] if "-" in word else word.lower()
    return _BODY_ENDS.search(lower) and lower not in _NOT_ROLES


_TITLES_ALONE = words(
    "bundeskanzlerin bundeskanzler kanzlerin ministerin präsident präsidentin sprecher "
    "sprecherin vorsitzende vorsitzender beauftragte beauftragter sekretärin abgeordnete "
    "abgeordneter botschafter botschafterin bürgermeister bürgermeisterin staatsanwalt "
    "staatsanwältin ministerpräsident ministerpräsidentin papst kardinal bischof"
)


@lru_cache(maxsize=16384)
def role_word(word: str) -> bool:
    """A German title that stands before a name: "Bundeskanzlerin Angela Merkel",
    "SPD-Innenexperte Wiefelspütz". Compounds and German-only titles, so that English names
    ("Premier League", "Chef Ramsay") keep their words."""
    lower = word.lower()
    if len(word) <= 4 or not word[:1].isupper() or not _person_stem(lower.rsplit("-", 1)[-1]):
        return False
    if "-" in lower or lower in _TITLES_ALONE:
        return True
    return any(lower.endswith(s) and len(lower) - len(s) >= 3 for s in _PERSON_STEMS)


# Finite reporting verbs ("„...“, sagte X" / "..., so X" / "..., betonte der Minister").
REPORTING_VERBS = words(
    "sagte sagt sagten erklärte erklärt erklärten betonte betont betonten meinte meint "
    "meinten fügte ergänzte ergänzt schrieb schreibt schrieben berichtete berichtet "
    "berichteten teilte warnte warnt warnten kritisierte kritisiert forderte fordert "
    "verkündete verkündet bestätigte bestätigt versicherte versichert erläuterte "
    "unterstrich behauptete behauptet äußerte äußert kommentierte mahnte zitiert zitierte "
    "antwortete entgegnete erwiderte räumte bekräftigte hieß heißt verlautete rief fragte "
    "glaubt glaubte meldete meldet argumentierte begründete lobte klagte beklagte sprach "
    "spricht erinnerte kündigte gab"
)

# The subjunctive of indirect speech: "Die Lage sei „ernst“".
SUBJUNCTIVE = words(
    "sei seien seiest habe könne müsse solle wolle dürfe werde gebe bleibe stehe gehe liege "
    "komme brauche wisse"
)

# Verbs of saying or judging that take a quoted phrase: "nannte ihn einen „Lügner“".
JUDGING_WORDS = words(
    "nannte nannten nennt bezeichnete bezeichneten bezeichnet warf warfen wirft vor "
    "bekräftigte bekräftigt versprach verspricht riet rät würdigte attackierte wies zurück "
    "bestritt bestreitet bezweifelte begründete sieht sah hält hielt konstatierte "
    "skandierte skandierten rief riefen lautete lautet äußerten dass daß empfiehlt "
    "empfahl verurteilte verurteilt feierte schilderte schildert veröffentlichte drohte "
    "gedroht hofft hoffte ergebnis verlauten würden hätten wäre wären beurteilte "
    "bewertete wertete beschrieb beschreibt verglich dementierte widersprach appellierte "
    "verteidigte lobte kritisierten"
)


# Verbs of saying, judging and quoting, finite or participle ("betont hatte", "bezeichnet hat").
_SAYING = (
    REPORTING_VERBS
    | JUDGING_WORDS
    | words(
        "gesagt erklärt gefordert genannt gewarnt kritisiert geschrieben geäußert mitgeteilt "
        "angekündigt bezeichnet betont beschrieben gelobt verlangte verlangt verlangten "
        "prangerte prangerten bemängelte bemängelt monierte rechtfertigte bekundete "
        "bekundeten unterstrichen zitieren sagen erklären betonen fordern kritisieren warnen "
        "meinen berichten mitteilte mitteilten mitteilt bekanntgab bekanntgaben bekanntgegeben "
        "angab angaben angegeben feststellt feststellte festgestellt verlauten melden meldeten "
        "erklärten ausführte ausgeführt darstellte dargestellt charakterisierte urteilte "
        "verkündet"
    )
) - words("vor zurück dass daß ergebnis würden hätten wäre wären gab sieht sah hält hielt")
# with the plural of every past form: "verkündeten", "charakterisierten"
SPEECH_VERBS = _SAYING | frozenset(v + "n" for v in _SAYING if v.endswith("te"))
