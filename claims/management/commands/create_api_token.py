from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for a user and print its key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'nightly export'.")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        _, key = ApiToken.issue(user, name)
        self.stdout.write(
            f"Token for {username} ({name}): {key}\n"
            "Send it as 'Authorization: Token <key>'. It is not stored in clear "
            "and cannot be shown again."
        )
