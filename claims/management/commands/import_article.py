import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.duplicates import suggest_duplicates
from claims.ingest.articles import ArticleError, read_article
from claims.ingest.services import import_article, propose_claims, speaker_registry
from claims.models import Claim, Source

from ._arguments import plain_text


class Command(BaseCommand):
    help = (
        "Import articles (.txt or .html) and record every attributed statement the extractor "
        "finds as a New, machine-proposed claim. All files or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--title", help="Title (one file only; default: its first line).")
        parser.add_argument("--url", help="Address of the original (one file only).")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--published", type=date.fromisoformat, metavar="YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="Write nothing.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="With --dry-run and one file: print the candidates as JSON.",
        )

    def handle(self, *args, paths, title, url, publisher, published, dry_run, json, **options):
        for path in paths:
            plain_text("file name", str(path))
        if len(paths) > 1 and (title or url):
            raise CommandError("--title and --url need a single file.")
        if json and (not dry_run or len(paths) != 1):
            raise CommandError("--json prints the candidates of one file, with --dry-run.")
        for option, value in {"--title": title, "--url": url, "--publisher": publisher}.items():
            plain_text(option, value)
        if url and Source.objects.filter(url=url).exists():
            raise CommandError(f"{url} is already recorded.")
        try:
            articles = [(path, read_article(path)) for path in paths]  # check all first
        except ArticleError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:  # unreadable: permissions, a device, a vanished file
            raise CommandError(f"{exc.filename}: cannot read: {exc.strerror}") from exc

        registry = speaker_registry()
        if json:
            self._print_json(propose_claims(articles[0][1].text, registry))
            return
        total, sources = 0, []
        try:
            with transaction.atomic():
                for number, (path, article) in enumerate(articles, 1):
                    proposals = propose_claims(article.text, registry)
                    total += len(proposals)
                    if not dry_run:
                        source = import_article(
                            title=title or article.title,
                            body=article.text,
                            url=url or article.url,
                            publisher=publisher,
                            published_on=published or article.published_on,
                            proposals=proposals,
                            suggest=False,
                        )
                        sources.append(source)
                    self._progress(number, len(articles), path, len(proposals))
                # Repeats are looked for once for the whole batch, not once per article.
                suggest_duplicates(Claim.objects.filter(source__in=sources))
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        verb = "would record" if dry_run else "recorded"
        self.stdout.write(f"{len(articles)} article(s): {verb} {total} proposed claim(s).")

    def _print_json(self, candidates):
        rows = [candidate.as_dict() for candidate in candidates]
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))

    def _progress(self, done, total, path, found):
        if total < 2:
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done == total else ""
        self.stderr.write(
            f"\r[{bar}] {done}/{total} {path.name[:30]:30} {found:3} claims", ending=end
        )
        self.stderr.flush()
