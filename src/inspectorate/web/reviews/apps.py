from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Case-file reviews run inside an inspection: template versions, cases, answers, results."""

    name = "inspectorate.web.reviews"
    label = "reviews"
