from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who people are: their organisation (the inspectorate, a force, a local policing body), and
    the pages on which staff manage them."""

    name = "inspectorate.web.accounts"
    label = "accounts"
