from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import counting, duplicates, permissions, services
from .models import (
    ApiToken,
    Claim,
    ClaimRelation,
    DuplicateSuggestion,
    Evidence,
    Rating,
    Source,
    Speaker,
    SpeakerAlias,
)

# How much article text to show either side of a claim's span in the admin preview.
CONTEXT_CHARS = 160


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History pages are evidence: anyone may read them, nobody may revert through them."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("The history cannot be changed.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "affiliation", "alias_list"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "role", "affiliation"]
    inlines = [SpeakerAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="aliases")
    def alias_list(self, speaker):
        return ", ".join(alias.name for alias in speaker.aliases.all())


class SourceClaimInline(admin.TabularInline):
    model = Claim
    fields = ["text", "speaker", "kind", "status", "span_start", "span_end"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    ordering = ["span_start"]

    def has_add_permission(self, request, obj=None):
        # Claims are added from the claim form, which checks the span against the body.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(Source)
class SourceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title", "publisher", "published_on", "url", "added_at"]
    list_filter = ["publisher", "language"]
    search_fields = ["title", "publisher", "url"]
    readonly_fields = ["added_by", "added_at"]
    date_hierarchy = "added_at"
    inlines = [SourceClaimInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


class EvidenceInline(admin.StackedInline):
    model = Evidence
    extra = 0
    fields = ["url", "title", "note", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]


class ClaimRelationInline(admin.TabularInline):
    model = ClaimRelation
    fk_name = "from_claim"
    extra = 0
    fields = ["kind", "to_claim"]
    autocomplete_fields = ["to_claim"]
    verbose_name = "answers another claim"
    verbose_name_plural = "answers other claims"


class ClaimAdminForm(forms.ModelForm):
    # The version the editor loaded; a save from a stale copy is refused, not merged.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = "__all__"  # noqa: DJ007 — ClaimAdmin.fieldsets chooses what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None and loaded != self.instance.version:
            raise ValidationError(
                "Someone else saved this claim while you were editing it. Open it again to "
                "see their change, then re-apply yours."
            )
        return cleaned


class EstimatedCountPaginator(Paginator):
    """The changelist's total counted up to a bound and estimated past it (PostgreSQL's
    planner), instead of a COUNT(*) over a million claims on every page."""

    @cached_property
    def count(self):
        return counting.total(self.object_list)[0]


class ChosenSourceFilter(admin.SimpleListFilter):
    """Filter by article without listing every article: the chosen one is offered, and an
    article is chosen from a row's "source" link."""

    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        value = self.value() or ""
        if not value.isdigit():
            return []
        chosen = Source.objects.filter(pk=value).only("pk", "title").first()
        return [(str(chosen.pk), str(chosen))] if chosen else []

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(source_id=value)


class ClaimChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # Rows show the article's title, never its text.
        return super().get_queryset(request, exclude_parameters).defer("source__body")


@admin.register(Claim)
class ClaimAdmin(ReadOnlyHistoryAdmin):
    form = ClaimAdminForm
    list_display = [
        "excerpt",
        "speaker",
        "relayed_by",
        "status",
        "rating",
        "source_link",
        "updated_at",
    ]
    list_filter = [
        "status",
        "rating",
        "speaker__kind",
        "kind",
        "machine_proposed",
        ChosenSourceFilter,
    ]
    # The search box goes through the full-text index (get_search_results below).
    search_fields = ["text"]
    list_select_related = ["speaker", "relayed_by", "rating", "source"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ["speaker", "relayed_by", "source"]
    readonly_fields = [
        "span_in_context",
        "version",
        "created_by",
        "created_at",
        "updated_by",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["source", "text", "span_start", "span_end", "span_in_context"]}),
        ("Attribution", {"fields": ["speaker", "relayed_by", "kind", "cue", "claimed_on"]}),
        ("Review", {"fields": ["status", "rating", "assigned_to", "notes"]}),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    "machine_proposed",
                    "loaded_version",
                    "version",
                    "created_by",
                    "created_at",
                    "updated_by",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [ClaimRelationInline, EvidenceInline]
    actions = ["move_to_in_review", "assign_to_me", "publish", "unpublish"]
    # No date_hierarchy: it lists the years with a DISTINCT over every claim on each page.

    def get_changelist(self, request, **kwargs):
        return ClaimChangeList

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    @admin.display(description="source", ordering="source__title")
    def source_link(self, claim):
        return format_html('<a href="?source={}">{}</a>', claim.source_id, claim.source.title)

    @admin.display(description="statement", ordering="text")
    def excerpt(self, claim):
        return claim.text if len(claim.text) <= 80 else claim.text[:77] + "…"

    @admin.display(description="in the article")
    def span_in_context(self, claim):
        if not claim.pk:
            return "—"
        body = claim.source.body
        start, end = claim.span_start, claim.span_end
        return format_html(
            "…{}<mark>{}</mark>{}…",
            body[max(0, start - CONTEXT_CHARS) : start],
            body[start:end],
            body[end : end + CONTEXT_CHARS],
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.can_review(request.user):
            fields += ["status", "rating", "assigned_to"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return permissions.can_edit_claim(request.user, obj)
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if not change or "text" in form.changed_data:
            duplicates.suggest_duplicates([obj])

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, Evidence) and not instance.added_by_id:
                instance.added_by = request.user
            if isinstance(instance, ClaimRelation) and not instance.created_by_id:
                instance.created_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()

    def _report(self, request, result, done):
        if result.changed:
            self.message_user(request, f"{len(result.changed)} claim(s) {done}.")
        for claim, reason in result.refused.items():
            self.message_user(
                request, f"Claim #{claim.pk} left unchanged: {reason}", messages.ERROR
            )
        if not result.changed and not result.refused:
            self.message_user(request, "Nothing to change.", messages.WARNING)

    @admin.action(description="Move to In review", permissions=["review"])
    def move_to_in_review(self, request, queryset):
        result = services.bulk_update(queryset, request.user, status=Claim.Status.IN_REVIEW)
        self._report(request, result, "moved to In review")

    @admin.action(description="Assign to me", permissions=["review"])
    def assign_to_me(self, request, queryset):
        result = services.bulk_update(queryset, request.user, assigned_to=request.user)
        self._report(request, result, "assigned to you")

    def has_review_permission(self, request):
        return permissions.can_review(request.user)

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user)

    def _each(self, request, queryset, action, done):
        changed = 0
        for claim in queryset:
            try:
                action(claim.pk, request.user, claim.version)
                changed += 1
            except (ValidationError, services.EditConflict) as exc:
                reason = "; ".join(getattr(exc, "messages", [str(exc)]))
                self.message_user(request, f"Claim #{claim.pk}: {reason}", messages.ERROR)
        if changed:
            self.message_user(request, f"{changed} claim(s) {done}.")

    @admin.action(description="Publish (Reviewed claims)", permissions=["publish"])
    def publish(self, request, queryset):
        self._each(request, queryset, services.publish, "published")

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._each(request, queryset, services.unpublish, "unpublished")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "value", "order", "definition"]
    list_editable = ["order"]
    ordering = ["order"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    list_select_related = ["user"]
    fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    search_fields = ["name", "user__username"]

    def has_change_permission(self, request, obj=None):
        return False  # a token is revoked by deleting it, never edited

    def save_model(self, request, obj, form, change):
        key = obj.assign_new_key()
        super().save_model(request, obj, form, change)
        self.message_user(
            request,
            f"Token key (copy it now, it is not shown again): {key}",
            messages.WARNING,
        )


@admin.register(DuplicateSuggestion)
class DuplicateSuggestionAdmin(admin.ModelAdmin):
    list_display = ["claim", "original", "score", "state", "decided_by"]
    list_filter = ["state"]
    list_select_related = ["claim__speaker", "original__speaker", "decided_by"]
    raw_id_fields = ["claim", "original"]
    readonly_fields = ["decided_by", "decided_at"]
