import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create the demo account 'editor' (Editor role) and print its password once."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Give the existing account a new password."
        )

    def handle(self, *args, reset, **options):
        # A known account with a printed password has no place on a production server.
        if not settings.DEBUG:
            raise CommandError("The demo editor is only created while DEBUG is on.")
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user and not reset:
            self.stdout.write(
                f"Demo editor '{USERNAME}' already exists (its password was printed when it was "
                "created; run `make reset-demo-password` for a new one)."
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User(username=USERNAME, first_name="Demo", last_name="Editor")
        user.is_staff = True  # Editors enter data in the admin as well as the desk.
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editor"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo editor — username: {USERNAME}  password: {password}\n"
                "Sign in at http://127.0.0.1:8000/ (admin at /admin/)."
            )
        )
