from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from claims.extraction.annotations import AnnotationError, read_annotations
from claims.ingest.services import load_annotations

from ._arguments import plain_text

SEED_DIR = Path(settings.BASE_DIR) / "seeds"


class Command(BaseCommand):
    help = "Load the seed articles and their hand-checked claims. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", type=Path, help="Annotation files (default: every seeds/*.json)."
        )

    def handle(self, *args, files, **options):
        files = files or sorted(SEED_DIR.glob("*.json"))
        if not files:
            raise CommandError(f"No annotation files in {SEED_DIR}.")
        for path in files:
            plain_text("file name", str(path))
            try:
                result = load_annotations(read_annotations(path))
            except AnnotationError as exc:
                raise CommandError(str(exc)) from exc
            except ValidationError as exc:  # annotations that read well but break a rule
                raise CommandError(f"{path}: {'; '.join(exc.messages)}") from exc
            self.stdout.write(
                f"{path.name}: “{result.source}” — {result.claims_created} claims, "
                f"{result.speakers_created} speakers, {result.relations_created} relations added."
            )
