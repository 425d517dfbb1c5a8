import contextlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from claims.filters import ClaimFilter
from claims.models import Claim
from claims.publishing import exports

from ._arguments import plain_text

# Command options -> the list page's query parameters, so both filter the same way.
OPTIONS = {
    "q": "q",
    "speaker": "speaker",
    "status": "status",
    "verdict": "verdict",
    "source": "source",
    "relayed_by": "relayed_by",
    "kind": "kind",
    "claimed_after": "claimed_after",
    "claimed_before": "claimed_before",
    "assigned": "assigned",
    "order": "order",
}


class Command(BaseCommand):
    help = "Export claims as CSV, JSON or ClaimReview JSON-LD, with the claim list's filters."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="csv")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")
        parser.add_argument("--q", help="Search the statement, speakers and source titles.")
        parser.add_argument("--speaker", help="Speaker name or alias.")
        parser.add_argument("--status", action="append", choices=Claim.Status.values)
        parser.add_argument("--verdict", action="append", help="Rating id (repeatable).")
        parser.add_argument("--source", help="Source id.")
        parser.add_argument("--relayed-by", dest="relayed_by")
        parser.add_argument("--kind", choices=Claim.Kind.values)
        parser.add_argument("--claimed-after", dest="claimed_after", metavar="YYYY-MM-DD")
        parser.add_argument("--claimed-before", dest="claimed_before", metavar="YYYY-MM-DD")
        parser.add_argument("--assigned", choices=["anyone", "nobody"])
        parser.add_argument(
            "--order",
            help="updated, claimed or speaker; newest or Z–A first with a minus, written "
            "with = so that it is not read as an option: --order=-claimed",
        )

    def handle(self, *args, **options):
        query = QueryDict(mutable=True)
        for option, parameter in OPTIONS.items():
            value = options.get(option)
            for item in value if isinstance(value, list) else [value]:
                plain_text("--" + option.replace("_", "-"), item)
            if value:
                query.setlist(parameter, value if isinstance(value, list) else [value])
        filterset = ClaimFilter(query or None, queryset=Claim.objects.all())
        if filterset.is_bound and not filterset.is_valid():
            names = {"claimed": "--claimed-after/--claimed-before"}
            problems = "; ".join(
                f"{names.get(name, '--' + name.replace('_', '-'))}: {' '.join(errors)}"
                for name, errors in filterset.errors.items()
            )
            raise CommandError(problems)
        _, _, produce = exports.FORMATS[options["format"]]
        chunks = produce(
            filterset.results(), lambda claim: settings.SITE_URL + claim.get_public_url()
        )
        if options["output"]:
            output = Path(plain_text("--output", options["output"]))
            if not output.parent.is_dir():
                raise CommandError(f"--output: no such directory: {output.parent}")
            try:
                # Written beside the target and renamed at the end: a failed export never
                # leaves a truncated file where the last good one was.
                with tempfile.NamedTemporaryFile(
                    "w", encoding="utf-8", newline="", dir=output.parent, delete=False
                ) as out:
                    out.writelines(chunks)
                os.replace(out.name, output)
            except OSError as exc:
                with contextlib.suppress(NameError, OSError):
                    os.unlink(out.name)
                raise CommandError(f"--output: cannot write {output}: {exc.strerror}") from exc
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
