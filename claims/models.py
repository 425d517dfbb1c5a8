import enum
import functools
import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.html import strip_tags
from simple_history.models import HistoricalRecords

from .fields import SanitizedHTMLField, WebURLField
from .highlight import locate


class AuthoredHistory(models.Model):
    """Base of every history table: the author's name outlives their account.

    ``history_user`` is set to NULL when a user is deleted; ``keep_author_names`` copies the
    name into ``history_username`` first, so the record still says who made the change.
    """

    history_username = models.CharField(max_length=150, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def author_name(self):
        if self.history_user_id:
            return self.history_user.get_username()
        return self.history_username


def keep_author_names(user):
    """Write ``user``'s name into every history row they authored (before deleting them)."""
    for model in (Source, Speaker, SpeakerAlias, Rating, Claim, ClaimRelation, Evidence):
        model.history.model.objects.filter(history_user=user).update(
            history_username=user.get_username()
        )


# A record id no table reaches, marking where the id goes in a URL reversed once.
_PK_MARK = 2147483646
_pk_urls = {}


def pk_urls(name):
    """A function giving ``reverse(name, args=[pk])`` for a URL whose one argument is an
    integer id, for the script prefix and URLconf in force now.

    A list page links every row to its claim, speaker and article: 75 reverse() calls
    were a fifth of the claim list's rendering. The URL is reversed once per name (and
    script prefix and URLconf, which can differ per request) with a marker in place of
    the id, and each id is put where the marker was: the same string reverse() returns.
    A table asks once for all its rows (looking up the prefix and URLconf was a third of
    each call).
    """
    key = (name, *url_context())
    url_of = _pk_urls.get(key)
    if url_of is None:
        url_of = _pk_urls[key] = _url_maker(name)
    return url_of


def url_context():
    """What a reversed URL depends on besides its name and arguments, and can differ per
    request: the script prefix and the URLconf in force. What is kept of a URL (pk_urls,
    the admin's empty filter boxes) is kept under it."""
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


def _url_maker(name):
    parts = reverse(name, args=[_PK_MARK]).split(str(_PK_MARK))
    if len(parts) != 2:
        return lambda pk: reverse(name, args=[pk])
    before, after = parts
    return lambda pk: f"{before}{pk}{after}" if isinstance(pk, int) else reverse(name, args=[pk])


def pk_url(name, pk):
    """``reverse(name, args=[pk])``, through pk_urls."""
    return pk_urls(name)(pk)


# Above this many ids a matching list is passed as a subquery instead of literal values.
MAX_LISTED_IDS = 1000


class SpeakerQuerySet(models.QuerySet):
    def matching(self, text):
        """Speakers whose name or one of whose aliases contains ``text`` (case-insensitive).

        The aliases are a subquery, not a join, so no speaker comes twice and no DISTINCT is
        needed; on PostgreSQL both containment tests use the trigram indexes of migration
        0005_scale.
        """
        aliases = SpeakerAlias.objects.filter(name__icontains=text).values("speaker_id")
        return self.filter(Q(name__icontains=text) | Q(pk__in=aliases))

    def by_alias(self, name):
        """The speaker known exactly (case-insensitively) by ``name`` or an alias, or None."""
        return self.filter(_known_as(name)).first()


def _known_as(name):
    # LOWER(name) = ..., not Django's iexact (UPPER(name) = UPPER(...) on PostgreSQL),
    # so that both tests use the Lower() unique indexes below.
    key = name.lower()
    aliases = SpeakerAlias.objects.filter(Exact(Lower("name"), key)).values("speaker_id")
    return Q(Exact(Lower("name"), key)) | Q(pk__in=aliases)


def named_by(text, sources=True):
    """Whom and what ``text`` names, in one query: ``(speakers, sources)``, where
    ``speakers`` maps the id of each speaker whose name or an alias contains ``text``
    (case-insensitively) to whether that name or alias is all of ``text``, and ``sources``
    lists the ids of the articles whose title contains it. Either is None when more than
    MAX_LISTED_IDS match: the caller then passes a subquery rather than a list of ids.

    A UNION ALL of one scan per column, each through its trigram index on PostgreSQL (an
    OR between a speaker's name and a subquery on aliases read every speaker instead, and
    two queries cost a second round trip: together 2.3 ms of a search's 20 ms). Each part
    reads at most MAX_LISTED_IDS + 1 rows.
    """
    key = text.lower()

    def part(model, tag, id_field, field):
        return (
            model.objects.filter(**{f"{field}__icontains": text})
            .order_by()
            .values_list(Value(tag, output_field=models.CharField()), id_field)
            .annotate(whole=Exact(Lower(field), key))[: MAX_LISTED_IDS + 1]
        )

    parts = [part(Speaker, "name", "pk", "name"), part(SpeakerAlias, "alias", "speaker_id", "name")]
    if sources:
        parts.append(part(Source, "title", "pk", "title"))
    # Each part as a subquery: SQLite allows no LIMIT on the parts of a UNION themselves.
    compiled = [part.query.sql_with_params() for part in parts]
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({part_sql}) AS part{i}"  # noqa: S608 — Django's own SQL, parameters apart
        for i, (part_sql, _) in enumerate(compiled)
    )
    found = {"name": [], "alias": [], "title": []}
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _, params in compiled for param in params])
        for tag, pk, whole in cursor.fetchall():
            found[tag].append((pk, bool(whole)))
    speakers = {}
    for pk, whole in found["name"] + found["alias"]:
        speakers[pk] = speakers.get(pk, False) or whole
    if max(len(found["name"]), len(found["alias"]), len(speakers)) > MAX_LISTED_IDS:
        speakers = None
    titles = [pk for pk, _ in found["title"]]
    return speakers, titles if len(titles) <= MAX_LISTED_IDS else None


def speakers_known_by(text):
    """Ids of the speakers known by ``text``: those whose whole name or an alias it is
    (case-insensitively) if any, else those whose name or an alias contains it; a subquery
    past MAX_LISTED_IDS. "Agency 1" then means that agency, not also "Agency 10" to
    "Agency 1999"."""
    speakers, _ = named_by(text, sources=False)
    if speakers is None:  # too many contain it to list: any known by exactly it, else all
        exact = list(Speaker.objects.filter(_known_as(text)).values_list("pk", flat=True))
        return exact or Speaker.objects.matching(text).values("pk")
    return [pk for pk, whole in speakers.items() if whole] or list(speakers)


class Speaker(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        GOVERNMENT = "government", "Government"
        GOVERNMENT_BODY = "government_body", "Government body"
        MEDIA = "media", "Media outlet"
        GROUP = "group", "Unnamed group"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField("role or title", max_length=200, blank=True)
    affiliation = models.CharField("affiliation or country", max_length=200, blank=True)
    same_as = WebURLField(
        "identity URL",
        blank=True,
        help_text="Wikipedia or Wikidata page that identifies this speaker.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"], bases=[AuthoredHistory])

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            # Speakers are listed, and the claim list sorted ("Speaker A–Z"), by name: read
            # in this index's order, a page of a million claims sorted by speaker starts at
            # its first speakers' claims instead of sorting them all (1.2 s).
            models.Index(fields=["name", "id"], name="speaker_name_idx"),
        ]
        constraints = [
            # Speaker resolution matches names case-insensitively; two speakers with one
            # name would make every mention of it ambiguous.
            models.UniqueConstraint(
                Lower("name"),
                name="speaker_name_unique_ci",
                violation_error_message="A speaker with this name already exists.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.url_of(self.pk)

    DESK_URL = "claims:speaker-detail"  # its desk page, for pk_urls

    @classmethod
    def url_of(cls, pk):
        """The speaker's desk page, from the id alone (a list row's values)."""
        return pk_url(cls.DESK_URL, pk)

    def clean(self):
        clash = SpeakerAlias.objects.filter(name__iexact=self.name)
        if self.pk:
            clash = clash.exclude(speaker=self)
        if self.name and clash.exists():
            raise ValidationError(
                {"name": f"“{self.name}” is already an alias of {clash.first().speaker}."}
            )


class SpeakerAlias(models.Model):
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    history = HistoricalRecords(bases=[AuthoredHistory])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            # One alias must point to one speaker, whatever its capitalisation,
            # or extraction could not resolve "Kim" to a single person.
            models.UniqueConstraint(
                Lower("name"),
                name="speaker_alias_unique_ci",
                violation_error_message="This alias already belongs to a speaker.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.name:
            return
        clash = Speaker.objects.filter(name__iexact=self.name)
        if self.speaker_id:
            clash = clash.exclude(pk=self.speaker_id)
        if clash.exists():
            raise ValidationError({"name": f"“{self.name}” is the name of another speaker."})


class Source(models.Model):
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    # null (not "") when absent, so that the unique constraint allows many sources without URL.
    url = WebURLField("URL", max_length=500, null=True, blank=True, unique=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=12, default="en")
    body = models.TextField(help_text="The full text. Claims point into it by character offsets.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["added_at"], bases=[AuthoredHistory])

    class Meta:
        ordering = ["-added_at", "-pk"]
        # Articles are listed newest first (the API, the admin): read in order, not sorted
        # (20,000 articles: 16 ms a page).
        indexes = [models.Index(fields=["-added_at", "-id"], name="source_added_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url_of(self.pk)

    DESK_URL = "claims:source-detail"  # its desk page, for pk_urls

    @classmethod
    def url_of(cls, pk):
        """The article's desk page, from the id alone (a list row's values)."""
        return pk_url(cls.DESK_URL, pk)

    def locate(self, words):
        """Every (start, end) where ``words`` occur in the body, quotes and spacing aside."""
        return locate(self.body, words)

    def broken_claims(self, body):
        """Claims whose span would no longer hold their words if the body became ``body``."""
        if not self.pk:
            return []
        return [
            claim
            for claim in self.claims.only("pk", "text", "span_start", "span_end")
            if body[claim.span_start : claim.span_end] != claim.text
        ]

    def clean(self):
        # The body is the reference for every claim span: an edit that moves or changes
        # a quoted passage is refused rather than leaving claims pointing at other words.
        broken = self.broken_claims(self.body or "")
        if broken:
            ids = ", ".join(f"#{claim.pk}" for claim in broken[:10])
            raise ValidationError(
                {
                    "body": f"This edit would break the spans of {len(broken)} claim(s) ({ids}). "
                    "Edit those claims first, or keep their words at the same place."
                }
            )


class RatingQuerySet(models.QuerySet):
    def scale_bounds(self):
        """(worst, best) numeric values of the scale, as published in ClaimReview."""
        bounds = self.filter(value__isnull=False).aggregate(
            worst=models.Min("value"), best=models.Max("value")
        )
        return bounds["worst"], bounds["best"]


def bounds_of(ratings):
    """``scale_bounds()`` of ratings already read (a page that shows the scale anyway)."""
    values = [r.value for r in ratings if r.value is not None]
    return (min(values), max(values)) if values else (None, None)


class Rating(models.Model):
    """One step of the verdict scale. Editable in the admin; seeded by a data migration."""

    label = models.CharField(max_length=60, unique=True)
    definition = models.CharField("short definition", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Position on the scale.")
    value = models.SmallIntegerField(
        null=True,
        blank=True,
        help_text="Number published as ClaimReview ratingValue; the highest and lowest values "
        "of the scale are published as bestRating and worstRating. Empty for verdicts "
        "outside the scale, such as Unproven.",
    )

    # Renaming a verdict must not rewrite past history: entries show the label of their time.
    history = HistoricalRecords(bases=[AuthoredHistory])

    objects = RatingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label


# A claim table's row as plain values (Claim.objects.for_rows()): the columns
# claims_tags.claim_rows writes, and those the list sorts and pages by (updated_at,
# claimed_on, speaker__name, the id).
ROW_COLUMNS = (
    "pk",
    "text",
    "claim_reviewed",
    "kind",
    "cue",
    "status",
    "updated_at",
    "claimed_on",
    "speaker_id",
    "speaker__name",
    "relayed_by__name",
    "source_id",
    "source__title",
    "rating__label",
    "assigned_to__username",
)


class Attached(enum.IntFlag):
    """The records that can name a claim besides its own (ClaimQuerySet.with_what_it_has)."""

    EVIDENCE = enum.auto()
    RELATIONS = enum.auto()  # either way
    SUGGESTIONS = enum.auto()
    CORRECTIONS = enum.auto()
    EVIDENCE_HISTORY = enum.auto()
    RELATION_HISTORY = enum.auto()  # either way


@functools.cache
def _attached_sql():
    """The sum of the flags of Attached whose records name the claim of the outer query."""
    this = f"{connection.ops.quote_name(Claim._meta.db_table)}.id"
    naming = {
        Attached.EVIDENCE: (Evidence, "claim_id"),
        Attached.RELATIONS: (ClaimRelation, "from_claim_id", "to_claim_id"),
        Attached.SUGGESTIONS: (DuplicateSuggestion, "claim_id"),
        Attached.CORRECTIONS: (Correction, "claim_id"),
        Attached.EVIDENCE_HISTORY: (Evidence.history.model, "claim_id"),
        Attached.RELATION_HISTORY: (ClaimRelation.history.model, "from_claim_id", "to_claim_id"),
    }
    tests = []
    for flag, (model, *columns) in naming.items():
        # Names from the models, never from input.
        named = " OR ".join(f"{column} = {this}" for column in columns)
        found = f"EXISTS (SELECT 1 FROM {model._meta.db_table} WHERE {named})"  # noqa: S608
        tests.append(f"CASE WHEN {found} THEN {flag.value} ELSE 0 END")
    return f"({' + '.join(tests)})"


class ClaimQuerySet(models.QuerySet):
    def for_page(self):
        """One claim with everything its page shows, the article's text included."""
        return self.select_related("speaker", "relayed_by", "source", "rating", "assigned_to")

    def with_what_it_has(self):
        """Each claim with ``attached``: which records name it (``Attached`` flags, any
        evidence, relation, suggestion, correction, or evidence or relation history), in
        the same query. The claim page skips the query for what a claim has none of, and
        most claims have none: five queries that found nothing were a third of the page's
        time, mostly Django compiling them (0.3–0.8 ms each before the database sees
        them). One annotation of fixed SQL: six annotations, one per flag, took 0.75 ms to
        compile. Each test is at least as wide as the query it stands for (any suggestion,
        decided or not; a relation either way), so nothing is missed: at worst a query
        runs and finds nothing. The SQL names the claims' table itself: for a queryset of
        claims read on its own, not as a subquery (which Django would give another
        alias)."""
        return self.annotate(
            attached=RawSQL(_attached_sql(), (), output_field=models.IntegerField())  # noqa: S611
        )

    def for_rows(self):
        """What a claim table row shows (claims_tags.claim_rows) and its order and cursor
        read, as {column: value} rows in one query. A page of rows read as instances built
        six objects a row (the claim, its speaker, relay, article, verdict and assignee).
        A paged list reads its rows so through pagination.paginate(columns=ROW_COLUMNS),
        which reads the ids it skips from the queryset before values() adds its joins."""
        return self.values(*ROW_COLUMNS)

    def for_list(self):
        """Claims with their speaker, relay, article, verdict and assignee, in one query,
        without the article's text: for what needs instances (the ClaimReview export, the
        claim page's candidates for a relation); lists of rows read values (for_rows,
        values_of)."""
        return self.for_page().defer("source__body")

    def search(self, text, named=None):
        """Claims whose statement has every word of ``text`` (through the full-text index),
        or whose speaker (name or alias) or article title contains ``text``. ``named``:
        what ``named_by`` gave for the text, normalised (search.normalise), when the caller
        kept it."""
        from .search import StatementMatch, normalise

        text = normalise(text)
        speakers, sources = named_by(text) if named is None else named
        speakers = (
            Speaker.objects.matching(text).values("pk") if speakers is None else list(speakers)
        )
        if sources is None:
            sources = Source.objects.filter(title__icontains=text).values("pk")
        # Ids as lists, so that PostgreSQL ORs three index scans (full-text, speaker, source)
        # instead of scanning the table against two subqueries.
        return self.filter(StatementMatch(text) | Q(speaker__in=speakers) | Q(source__in=sources))

    def ranked(self, text):
        """Best match first: the statement's full-text rank, then the newest."""
        from .search import StatementRank, normalise

        return self.annotate(rank=StatementRank(normalise(text))).order_by("-rank", "-pk")

    def needing_review(self):
        return self.filter(status__in=[Claim.Status.NEW, Claim.Status.IN_REVIEW])

    def by_speaker(self, speaker):
        return self.filter(speaker=speaker)

    def published(self):
        return self.filter(status=Claim.Status.PUBLISHED)

    def for_public(self):
        """Published fact-checks, newest first, with everything their page and markup need."""
        return (
            self.published()
            .select_related("speaker", "source", "rating")
            .defer("source__body")
            .order_by("-published_at", "-pk")
        )

    def status_counts(self):
        """{status value: number of claims} for this queryset, in one query.

        Counts every matching row: for a narrow queryset only. Whole-table and per-speaker
        figures come from ClaimTally, wide filters from claims/counting.py.
        """
        rows = self.order_by().values("status").annotate(n=Count("pk"))
        return {row["status"]: row["n"] for row in rows}

    def rating_counts(self):
        """{rating id or None: number of claims} for this queryset, in one query."""
        rows = self.order_by().values("rating").annotate(n=Count("pk"))
        return {row["rating"]: row["n"] for row in rows}


def checked_claim(claim_reviewed, text):
    """The claim as checked, or the exact words while the editor has not written it."""
    return claim_reviewed or text


class Claim(models.Model):
    class Kind(models.TextChoices):
        DIRECT_QUOTE = "direct", "Direct quote"
        PARTIAL_QUOTE = "partial", "Partial quote"
        PARAPHRASE = "paraphrase", "Paraphrase"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        REVIEWED = "reviewed", "Reviewed"
        PUBLISHED = "published", "Published"

    # Statuses at which the claim has been judged and so must carry a verdict.
    JUDGED = (Status.REVIEWED, Status.PUBLISHED)

    # The exact words of the statement; always equal to source.body[span_start:span_end].
    # Stored as well as the span so lists and searches never load whole article bodies.
    text = models.TextField(
        "statement",
        blank=True,
        help_text="The exact words in the article. Leave empty to take them from the span.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PARAPHRASE)
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="claims", db_index=False
    )
    relayed_by = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relayed_claims",
        help_text="Who passed the statement on: “Russian state media quoted Putin”.",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="claims", db_index=False
    )
    span_start = models.PositiveIntegerField(
        blank=True, help_text="Offset of the first character. Empty: found from the statement."
    )
    span_end = models.PositiveIntegerField(blank=True, help_text="Offset just past the last one.")
    cue = models.CharField(
        max_length=80, blank=True, help_text="The attribution words: said, according to, denied."
    )
    claimed_on = models.DateField("date claimed", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    rating = models.ForeignKey(
        Rating,
        verbose_name="verdict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        db_index=False,
    )
    notes = SanitizedHTMLField(
        "reviewer notes", blank=True, help_text="Limited HTML: links, emphasis, lists."
    )
    # The public ruling, kept apart from the internal notes: readers see these two, plus
    # the evidence; the notes stay on the desk.
    claim_reviewed = models.CharField(
        "claim as checked",
        max_length=500,
        blank=True,
        help_text="The claim in one plain sentence, as readers will see it checked: "
        "“North Korea supplies arms to Russia”, not the span “of providing arms”.",
    )
    explanation = SanitizedHTMLField(
        "public explanation",
        blank=True,
        help_text="The ruling readers follow: what was checked and what was found. "
        "Limited HTML: links, emphasis, lists.",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="reviewing editor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Who gave the verdict: the byline of the public page.",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    machine_proposed = models.BooleanField(
        default=False, help_text="Proposed by the extractor, not typed by an editor."
    )
    # Set by publishing. The first date survives unpublishing, so that a withdrawn
    # fact-check answers "410 Gone" rather than "never existed".
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last public correction (ClaimReview's dateModified, the feed's <updated>); the
    # corrections themselves are Correction rows.
    corrected_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by unpublishing, cleared by publishing again: the 410 page says when.
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(blank=True, editable=False)
    # Optimistic locking: every save bumps it, and a form that carries an older number
    # was edited from a stale copy.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The version is kept so that a conflict can show what changed since a given version.
    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at"], bases=[AuthoredHistory]
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        permissions = [
            ("review_claim", "Can set a claim's status, verdict and assignee"),
            ("publish_claim", "Can publish and unpublish a claim"),
        ]
        indexes = [
            # The desk's list filters by one of these and sorts by last change; each index
            # serves "filter, then newest first" without a sort step.
            models.Index(fields=["speaker", "-updated_at"], name="claim_speaker_updated_idx"),
            # The list filtered by speaker and status, latest change first: read in order
            # even for a speaker with tens of thousands of claims.
            models.Index(
                fields=["speaker", "status", "-updated_at", "-id"],
                name="claim_speaker_status_idx",
            ),
            models.Index(fields=["status", "-updated_at"], name="claim_status_updated_idx"),
            models.Index(fields=["rating", "-updated_at"], name="claim_rating_updated_idx"),
            models.Index(fields=["-updated_at"], name="claim_updated_idx"),
            # "Claimed, oldest" and "Claimed, newest", undated claims last in both (keyset
            # pages order a nullable column NULLS LAST, claims/pagination.py): no one index
            # reads both orders, and without the second the newest-first list sorted the
            # whole table (1.4 s at a million claims). The id makes the order total, so a
            # page inside one date, or among the undated, starts at its cursor.
            models.Index(fields=["claimed_on", "id"], name="claim_claimed_on_id_idx"),
            models.Index(
                F("claimed_on").desc(nulls_last=True),
                F("id").desc(),
                name="claim_claimed_on_desc_idx",
            ),
            # Speaker A–Z reads each speaker's claims in id order, a page's worth at most
            # (pagination._ids_by).
            models.Index(fields=["speaker", "id"], name="claim_speaker_id_idx"),
            # The source page lists its claims in reading order.
            models.Index(fields=["source", "span_start"], name="claim_source_span_idx"),
            # The public index and the API's published list: newest publication first,
            # overall and by verdict, read in index order for keyset pages. NULLS LAST as
            # the keyset pages order a nullable column (claims/pagination.py).
            models.Index(
                F("published_at").desc(nulls_last=True),
                F("id").desc(),
                name="claim_published_idx",
                condition=Q(status="published"),
            ),
            models.Index(
                "rating",
                F("published_at").desc(nulls_last=True),
                F("id").desc(),
                name="claim_published_rating_idx",
                condition=Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(span_start__lt=F("span_end")),
                name="claim_span_start_before_end",
                violation_error_message="The span must start before it ends.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["new", "in_review", "reviewed", "published"]),
                name="claim_status_valid",
                violation_error_message="Unknown status.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["reviewed", "published"]) | Q(rating__isnull=False),
                name="claim_verdict_when_reviewed",
                violation_error_message="A reviewed or published claim needs a verdict.",
            ),
            # The public page and ClaimReview's datePublished need the publication date.
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="claim_published_has_date",
                violation_error_message="Publish a claim with the Publish action.",
            ),
        ]

    def __str__(self):
        excerpt = self.text if len(self.text) <= 60 else self.text[:57] + "…"
        return f"{self.speaker_id and self.speaker.name}: {excerpt}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.url_of(self.pk)

    DESK_URL = "claims:claim-detail"  # its desk page, for pk_urls

    @classmethod
    def url_of(cls, pk):
        """The claim's desk page, from the id alone (a list row's values)."""
        return pk_url(cls.DESK_URL, pk)

    def get_public_url(self):
        return pk_url("public:fact-check", self.pk)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def checked_claim(self):
        """The claim as checked, or the exact words (the one rule: checked_claim())."""
        return checked_claim(self.claim_reviewed, self.text)

    @property
    def modified_at(self):
        """When the published ruling last changed: the last correction, else publication."""
        return self.corrected_at or self.published_at

    @property
    def is_judged(self):
        return self.status in self.JUDGED

    def locate_in_source(self):
        """Fill in whichever of the words or the span the editor left empty.

        Typed words are found whatever their quotes and spacing (``highlight.locate``), and
        the statement then takes the article's own characters.
        """
        if not self.source_id:
            return
        body = self.source.body
        if self.text and self.span_end is None:
            found = locate(body, self.text)
            if self.span_start is not None:
                found = [hit for hit in found if hit[0] == self.span_start] or [
                    (self.span_start, self.span_start + len(self.text))
                ]
            if not found:
                raise ValidationError({"text": "These words do not appear in the article."})
            if len(found) > 1:
                places = "; ".join(
                    f"{start} (…{body[max(0, start - 30) : start]}[{body[start:end]}]…)"
                    for start, end in found[:10]
                )
                raise ValidationError(
                    {
                        "span_start": f"These words appear more than once ({len(found)} "
                        f"times). Give the start offset of the one you mean: {places}."
                    }
                )
            self.span_start, self.span_end = found[0]
        elif not self.text and self.span_start is not None and self.span_end is not None:
            self.text = body[self.span_start : self.span_end]
            return
        spanned = self.span_start is not None and self.span_end is not None
        if spanned and (self.span_start, self.span_end) in locate(body, self.text):
            self.text = body[self.span_start : self.span_end]

    # What the span's rules read (_span_errors): the words, their place and their article.
    SPAN_FIELDS = frozenset({"text", "span_start", "span_end", "source"})

    _span_as_stored = False

    def full_clean(
        self, exclude=None, validate_unique=True, validate_constraints=True, *, span_as_stored=False
    ):
        """Django's, and ``span_as_stored``: the caller vouches for SPAN_FIELDS as stored
        (services.save_claim: a claim read under its row lock, its change leaving them
        alone), so the article's text is not read again to check them: a tenth of a
        review's save. The other rules across fields still run."""
        before, self._span_as_stored = self._span_as_stored, span_as_stored
        try:
            super().full_clean(exclude, validate_unique, validate_constraints)
        finally:
            self._span_as_stored = before

    def _span_errors(self):
        """{field: message} of the span's rules, after filling in the words or the span
        left empty (locate_in_source)."""
        self.locate_in_source()
        errors = {}
        if not self.text:
            errors["text"] = "Give the statement's words or its span in the article."
        elif self.span_start is None or self.span_end is None:
            errors["span_start"] = "Give the span of the statement in the article."
        else:
            if self.span_start >= self.span_end:
                errors["span_end"] = "The span must end after it starts."
            elif self.source_id:
                body = self.source.body
                if self.span_end > len(body):
                    errors["span_end"] = (
                        f"The span ends at {self.span_end}, past the end of the article "
                        f"({len(body)} characters)."
                    )
                elif body[self.span_start : self.span_end] != self.text:
                    errors["text"] = (
                        "The statement must be the exact words at the span in the article, "
                        f"which are: “{body[self.span_start : self.span_end]}”."
                    )
        return errors

    def clean(self):
        errors = {} if self._span_as_stored else self._span_errors()
        if self.status in self.JUDGED and not self.rating_id:
            errors["rating"] = "Choose a verdict before marking the claim reviewed or published."
        if self.status == self.Status.PUBLISHED and not self.published_at:
            errors["status"] = "Publish a claim with the Publish action, once it is Reviewed."
        if self.status == self.Status.PUBLISHED:
            # What a published fact-check shows readers can be corrected, never removed.
            if not self.claim_reviewed.strip():
                errors["claim_reviewed"] = "A published fact-check needs the claim as checked."
            if not strip_tags(self.explanation or "").strip():
                errors["explanation"] = "A published fact-check needs a public explanation."
        if self.relayed_by_id and self.relayed_by_id == self.speaker_id:
            errors["relayed_by"] = "A speaker does not relay their own statement."
        if errors:
            raise ValidationError(errors)

    def get_constraints(self):
        """The constraints validate_constraints() asks the database about: not the check
        constraints, whose rules clean_fields() (the status's choices) or clean() states
        with a message an editor can act on, and which the database still enforces on
        write. Django checks a CheckConstraint by running it as a query inside a
        savepoint: up to four queries and eight savepoint statements a save, a third of a
        review save's time at a million claims. Any other kind (a unique constraint)
        is checked as Django checks it. tests/test_ledger_rules.py holds each check
        constraint to the rule that covers it."""
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]


class ClaimRelationQuerySet(models.QuerySet):
    def touching(self, claim):
        """The relations from and to ``claim`` with what its page shows of the claim at
        each end (words, speaker, verdict), in one query: the page read them in two, each
        with every column of the other claim, its notes and ruling included."""
        return (
            self.filter(Q(from_claim=claim) | Q(to_claim=claim))
            .select_related("from_claim__speaker", "to_claim__speaker", "to_claim__rating")
            .only(
                "kind",
                "from_claim__text",
                "from_claim__speaker__name",
                "to_claim__text",
                "to_claim__speaker__name",
                "to_claim__rating__label",
            )
        )


class ClaimRelation(models.Model):
    """One claim answering another: the denial ``from_claim`` denies ``to_claim``."""

    class Kind(models.TextChoices):
        DENIES = "denies", "denies"
        DISPUTES = "disputes", "disputes"
        CONFIRMS = "confirms", "confirms"
        REPEATS = "repeats", "repeats"

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"], bases=[AuthoredHistory])

    objects = ClaimRelationQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "kind"],
                name="claim_relation_unique",
                violation_error_message="These claims are already related this way.",
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")),
                name="claim_relation_not_self",
                violation_error_message="A claim cannot answer itself.",
            ),
        ]

    def __str__(self):
        return f"#{self.from_claim_id} {self.kind} #{self.to_claim_id}"


class Evidence(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = WebURLField("URL", max_length=500)
    title = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["added_at"], bases=[AuthoredHistory])

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.title or self.url


class CorrectionQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-made_at", "-pk")


class Correction(models.Model):
    """A public note on a change to a published fact-check's ruling, listed on its page."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField(help_text="Shown to readers with its date.")
    # What changed, in words readers understand: "verdict (False → Misleading)".
    changed = models.CharField(max_length=300, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self):
        return f"Correction to #{self.claim_id} on {self.made_at:%Y-%m-%d}"


class DuplicateSuggestionQuerySet(models.QuerySet):
    def awaiting(self, claim):
        """The repeats suggested for ``claim`` that nobody has decided yet, with what its
        page shows of each original (words, speaker, article title, verdict): not the
        original's article, which select_related would otherwise load whole."""
        return (
            self.filter(claim=claim, state=DuplicateSuggestion.State.SUGGESTED)
            .select_related("original__speaker", "original__source", "original__rating")
            .only(
                "score",
                "claim",
                "original__text",
                "original__speaker__name",
                "original__source__title",
                "original__rating__label",
            )
        )


class DuplicateSuggestion(models.Model):
    """An existing claim that ``claim`` may repeat, found by text similarity."""

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        CONFIRMED = "confirmed", "Confirmed repeat"
        DISMISSED = "dismissed", "Dismissed"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="suggestions")
    original = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(help_text="Similarity, 0–100.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = DuplicateSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            # One suggestion per pair: a dismissed pair keeps its row, so it is never
            # suggested again.
            models.UniqueConstraint(fields=["claim", "original"], name="suggestion_unique_pair"),
            models.CheckConstraint(condition=~Q(claim=F("original")), name="suggestion_not_self"),
        ]

    def __str__(self):
        return f"#{self.claim_id} may repeat #{self.original_id} ({self.score})"


def _token_expiry():
    return timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Tokens that still open the API: not revoked, not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)

    def revoke(self):
        """Stop these tokens' keys working now; returns how many were not revoked yet."""
        return self.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class ClaimTallyQuerySet(models.QuerySet):
    def counts(self, speakers=None, statuses=None, ratings=None):
        """({status: n}, {rating id or None: n}) over the claims of ``speakers`` (ids; all
        speakers when None) with one of ``statuses`` and ``ratings`` (ids, None for "no
        verdict"; any when None). One query over at most a few rows per speaker."""
        rows = (
            self.filter(speaker_id__in=speakers)
            if speakers is not None
            else self.filter(speaker_id=ClaimTally.ALL)
        )
        if statuses:
            rows = rows.filter(status__in=statuses)
        if ratings:
            rows = rows.filter(rating_id__in=[r or ClaimTally.NONE for r in ratings])
        by_status, by_rating = {}, {}
        for status, rating, n in rows.values_list("status", "rating_id").annotate(n=Sum("n")):
            if n:
                by_status[status] = by_status.get(status, 0) + n
                rating = rating or None
                by_rating[rating] = by_rating.get(rating, 0) + n
        return by_status, by_rating


class ClaimTally(models.Model):
    """How many claims there are per speaker, status and verdict, and in all.

    Written only by database triggers (migration 0005_scale) in the same transaction as the
    claim write, whichever path makes it (services, import, admin, bulk_create, raw SQL), so
    the desk's counts are exact without counting a million rows per request.
    """

    ALL = 0  # speaker_id of the rows that count every speaker's claims
    NONE = 0  # rating_id of the claims without a verdict

    speaker_id = models.IntegerField()
    status = models.CharField(max_length=12)
    rating_id = models.IntegerField()
    n = models.BigIntegerField(default=0)

    objects = ClaimTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            # The triggers' upsert target; also serves the per-speaker sums.
            models.UniqueConstraint(
                fields=["speaker_id", "status", "rating_id"], name="claim_tally_unique"
            ),
        ]

    def __str__(self):
        return f"speaker {self.speaker_id} {self.status} rating {self.rating_id}: {self.n}"


class PublicEdition(models.Model):
    """One row: a number that database triggers raise, in the writer's transaction, with
    every write that can change what readers see. Reader pages are kept in memory under it
    (claims/publishing/cache.py)."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"public edition {self.number}"


class ReferenceEdition(models.Model):
    """One row: a number that database triggers raise with every write to the verdict
    scale or to who can be assigned claims. Each worker keeps those under it
    (claims/reference.py) instead of reading them on every desk page."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"reference edition {self.number}"


class DeskEdition(models.Model):
    """One row: a number that database triggers raise with every write to what the desk's
    lists show or filter by (claims, speakers and their aliases, articles, verdicts,
    assignees' names). Each worker keeps the lists' answers under it
    (claims/list_memory.py)."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"desk edition {self.number}"


class ClaimWord(models.Model):
    """One content word of a claim's statement (as a hash): the index through which repeat
    detection finds the claims sharing most words with a new one, without reading all.
    Kept by claims/duplicates.py for every claim it is asked about."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    word = models.BigIntegerField()

    class Meta:
        indexes = [
            # Candidates for a repeat: the claims listed under each of a statement's words.
            models.Index(fields=["word", "claim"], name="claim_word_idx"),
        ]

    def __str__(self):
        return f"#{self.claim_id}: {self.word}"


class ApiToken(models.Model):
    """A key for scripts reading the JSON API. Only a hash of the key is stored."""

    # How stale last_used_at may be: writing it on every call would turn each read into a
    # write, and an hour is precise enough to tell a token still in use from a forgotten one.
    LAST_USED_PRECISION = timedelta(hours=1)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False, help_text="Start of the key.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(
        default=_token_expiry, help_text="The key stops working at this time."
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key):
        return hashlib.sha256(key.encode()).hexdigest()

    def assign_new_key(self):
        """Give the token a fresh key and return it: shown once, never stored in clear."""
        key = secrets.token_urlsafe(32)
        self.key_hash, self.prefix = self.hash(key), key[:8]
        return key

    @classmethod
    def issue(cls, user, name, expires_at=None):
        """A new token and its key."""
        token = cls(user=user, name=name)
        if expires_at is not None:
            token.expires_at = expires_at
        key = token.assign_new_key()
        token.save()
        return token, key

    @classmethod
    def user_for(cls, key):
        """The active user whose usable token this key is, or None."""
        now = timezone.now()
        token = cls.objects.usable(now).select_related("user").filter(key_hash=cls.hash(key))
        token = token.first()
        if token is None or not token.user.is_active:
            return None
        if token.last_used_at is None or now - token.last_used_at >= cls.LAST_USED_PRECISION:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
