"""A sync problem crosses from the sync process to the app as JSON and comes back as the class
the app decides by (desktop.engine.problem_relay)."""

from __future__ import annotations

import json

from desktop.domain.text import Message
from desktop.engine.errors import EngineError, NotConnected, SyncAlreadyRunning
from desktop.engine.problem_relay import problem_from_data, problem_to_data
from desktop.salesforce.errors import RateLimited, TlsProblem, WrongCredentials
from desktop.services.sync_problems import CHOOSE_CA_FILE, RECONNECT, REENTER_PASSWORD, action_for


def relayed(problem: BaseException) -> BaseException:
    return problem_from_data(json.loads(json.dumps(problem_to_data(problem))))


def test_a_problem_comes_back_as_its_class_with_its_words():
    for problem in (WrongCredentials(), NotConnected(), SyncAlreadyRunning(), RateLimited()):
        back = relayed(problem)
        assert type(back) is type(problem)
        assert back.message == problem.message
        assert back.text.to_data() == problem.text.to_data()  # translated in the app
        assert str(back) == str(problem)


def test_the_app_picks_the_same_banner_action_for_a_relayed_problem():
    tls = TlsProblem("login.example.com", ca_file="/etc/ssl/corp.pem")
    assert action_for(relayed(tls)) == action_for(tls) == CHOOSE_CA_FILE
    assert relayed(tls).ca_file == "/etc/ssl/corp.pem"
    assert action_for(relayed(WrongCredentials())) == REENTER_PASSWORD
    assert action_for(relayed(NotConnected())) == RECONNECT


def test_only_stints_problem_classes_are_rebuilt():
    """A class from anywhere else (a module named on a pipe is never imported) comes back as
    an EngineError with the words it carried."""
    for module, name in (("os", "system"), ("subprocess", "CalledProcessError"),
                         ("desktop.salesforce.errors", "Message"),
                         ("desktop.salesforce.errors", "no_such_class")):
        back = problem_from_data({"module": module, "class": name, "message": "It broke.",
                                  "text": None, "attributes": {}})
        assert type(back) is EngineError
        assert back.message == "It broke."


def test_damaged_data_gives_a_plain_problem():
    assert type(problem_from_data("not a dict")) is EngineError
    back = problem_from_data({"module": "desktop.engine.errors", "class": "EngineError",
                              "message": "Disk full.", "text": {"context": 3},
                              "attributes": {"ca_file": ["not", "plain"], "__class__": "x"}})
    assert type(back) is EngineError and back.message == "Disk full."
    assert isinstance(back.text, Message) and str(back.text) == "Disk full."
    assert not hasattr(back, "ca_file")


def test_a_foreign_exception_is_told_by_its_message():
    back = relayed(ValueError("bad value"))
    assert type(back) is EngineError and back.message == "bad value"
