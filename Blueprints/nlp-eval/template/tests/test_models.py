"""The two ticket routers: the majority-class baseline and the TF-IDF + logistic regression candidate."""

from {{package_name}} import models, settings
from {{package_name}}.task import TASK


def test_baseline_always_predicts_the_most_frequent_training_label():
    system = models.baseline(settings.SEED)
    system.model.fit(["a", "b", "c", "d"], ["billing", "shipping", "billing", "account"])
    assert list(system.model.predict(["anything", "else"])) == ["billing", "billing"]


def test_candidate_routes_clear_tickets_to_the_right_team(prepared):
    split = TASK.load_split(prepared / settings.PROCESSED_DIR)
    system = models.candidate(settings.SEED)
    system.model.fit(split.X_train, split.y_train)
    tickets = {
        "I was charged twice for my order, please refund the duplicate payment": "billing",
        "The app crashes every time I open it on my phone": "technical",
        "The password reset email never arrives": "account",
        "Tracking has not updated in a week, where is my parcel?": "shipping",
        "How do I send back the jacket? It doesn't fit": "returns",
    }
    assert list(system.model.predict(list(tickets))) == list(tickets.values())


def test_systems_have_distinct_names_and_loggable_params():
    base, cand = models.baseline(0), models.candidate(0)
    assert base.name != cand.name
    assert base.name == "majority-class"
    assert set(cand.params) >= {"C", "ngram_range"}
