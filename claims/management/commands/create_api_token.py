from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from claims.models import ApiToken

from ._arguments import max_length, plain_text

# Long-lived keys are how leaks stay useful; a script that needs more asks again.
MAX_DAYS = 366


class Command(BaseCommand):
    help = "Issue an API token for a user and print its key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'nightly export'.")
        parser.add_argument(
            "--days",
            type=int,
            default=settings.API_TOKEN_DAYS,
            help=f"Days until the key expires (default {settings.API_TOKEN_DAYS}, "
            f"at most {MAX_DAYS}).",
        )

    def handle(self, *args, username, name, days, **options):
        plain_text("username", username)
        max_length("name", plain_text("name", name), ApiToken._meta.get_field("name").max_length)
        if not name.strip():
            raise CommandError("Give the token a name saying what it is for.")
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be from 1 to {MAX_DAYS}.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        token, key = ApiToken.issue(user, name, timezone.now() + timedelta(days=days))
        self.stdout.write(
            f"Token for {username} ({name}): {key}\n"
            f"It expires on {token.expires_at:%Y-%m-%d %H:%M %Z}. Send it as "
            "'Authorization: Token <key>'. It is not stored in clear and cannot be shown again."
        )
