from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from .models import keep_author_names

        # A user can be deleted from the admin, the shell or a script; the history must
        # keep their name whichever way. The one signal here, and bookkeeping only.
        pre_delete.connect(
            lambda sender, instance, **kwargs: keep_author_names(instance),
            sender=get_user_model(),
            dispatch_uid="claims.keep_author_names",
            weak=False,
        )
