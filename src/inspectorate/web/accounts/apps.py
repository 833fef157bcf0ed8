from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who people are: affiliation to a force."""

    name = "inspectorate.web.accounts"
    label = "accounts"
