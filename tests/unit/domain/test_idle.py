"""Away periods from idle readings, sleep gaps and locks (desktop.domain.idle)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.domain.idle import AwayCause, AwayPeriod, AwayTracker

T0 = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
FIVE_MINUTES = timedelta(minutes=5)


class Desk:
    """A wall clock, a monotonic clock and the idle counter of a desktop, moved by hand."""

    def __init__(self, counts_sleep: bool = False) -> None:
        self.wall = T0
        self.monotonic = 100.0
        self.last_input_mono = 100.0
        self.slept_since_input = 0.0
        self.counts_sleep = counts_sleep  # Windows' counter does, X11's and Mutter's do not

    def wait(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.monotonic += seconds

    def sleep(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)  # the monotonic clock stands still
        self.slept_since_input += seconds

    def touch(self) -> None:
        self.last_input_mono = self.monotonic
        self.slept_since_input = 0.0

    def idle(self) -> float:
        idle = self.monotonic - self.last_input_mono
        return idle + self.slept_since_input if self.counts_sleep else idle

    def read(self, tracker: AwayTracker, idle: float | None | str = "counter") -> AwayPeriod | None:
        value = self.idle() if idle == "counter" else idle
        return tracker.observe(self.wall, self.monotonic, value)


def test_idle_past_the_threshold_then_an_input_is_one_period_from_the_last_input():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    desk.touch()
    assert desk.read(tracker) is None
    desk.wait(200)
    assert desk.read(tracker) is None and not tracker.is_away()
    desk.wait(100)
    assert desk.read(tracker) is None
    assert tracker.away_since == T0  # since the last input, not since it was noticed
    desk.wait(1200)
    assert desk.read(tracker) is None  # still away
    desk.wait(0.5)
    desk.touch()
    desk.wait(0.5)
    period = desk.read(tracker)
    assert period == AwayPeriod(T0, T0 + timedelta(seconds=1500.5), AwayCause.IDLE)
    assert not tracker.is_away()


def test_a_short_break_below_the_threshold_is_not_away():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    desk.read(tracker)
    desk.wait(250)
    desk.touch()
    desk.wait(10)
    assert desk.read(tracker) is None and not tracker.is_away()


def test_the_input_the_user_left_on_is_not_a_return():
    # One minute threshold, readings a minute apart: the last input falls after the previous
    # reading, yet it is where the away time begins.
    desk, tracker = Desk(), AwayTracker(timedelta(minutes=1))
    desk.read(tracker)
    desk.wait(1)
    desk.touch()
    desk.wait(60)
    assert desk.read(tracker) is None
    assert tracker.away_since == T0 + timedelta(seconds=1)


def test_sleep_is_away_from_the_last_input_before_it_on_counters_that_skip_sleep():
    desk, tracker = Desk(counts_sleep=False), AwayTracker(FIVE_MINUTES)
    desk.wait(30)
    desk.touch()
    desk.wait(10)
    desk.read(tracker)  # just before the sleep (logind's PrepareForSleep asks for it)
    desk.sleep(3600)
    desk.wait(2)
    assert desk.read(tracker) is None  # resumed, no input yet: still away
    assert tracker.away_since == T0 + timedelta(seconds=30)
    desk.wait(5)
    assert desk.read(tracker) is None  # the idle counter grew, no input
    desk.wait(0.5)
    desk.touch()
    desk.wait(0.5)
    period = desk.read(tracker)
    assert period is not None and period.cause is AwayCause.SLEEP
    assert period.start == T0 + timedelta(seconds=30)
    assert period.end == T0 + timedelta(seconds=40 + 3600 + 7.5)


def test_sleep_on_a_counter_that_counts_it_gives_the_same_period():
    desk, tracker = Desk(counts_sleep=True), AwayTracker(FIVE_MINUTES)
    desk.wait(30)
    desk.touch()
    desk.wait(10)
    desk.read(tracker)
    desk.sleep(3600)
    desk.wait(2)
    assert desk.read(tracker) is None
    desk.wait(5)
    desk.touch()
    desk.wait(1)
    period = desk.read(tracker)
    assert period is not None
    assert (period.start, period.end) == (T0 + timedelta(seconds=30),
                                          T0 + timedelta(seconds=40 + 3600 + 7))


def test_an_input_right_after_resume_ends_the_period_on_the_first_reading():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    desk.read(tracker)
    desk.sleep(600)
    desk.wait(1)
    desk.touch()
    desk.wait(1)
    period = desk.read(tracker)
    assert period is not None and period.cause is AwayCause.SLEEP
    assert period.length == timedelta(seconds=601)


def test_without_idle_time_a_resume_is_the_return():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    desk.read(tracker, idle=None)
    desk.sleep(900)
    desk.wait(3)
    period = desk.read(tracker, idle=None)
    assert period == AwayPeriod(T0, desk.wall, AwayCause.SLEEP)


def test_lock_and_unlock_make_a_period_and_input_while_locked_is_not_a_return():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    desk.read(tracker)
    desk.wait(60)
    tracker.lock(desk.wall)
    assert tracker.is_away() and tracker.locked
    desk.wait(400)
    desk.touch()  # typing the password into the lock screen
    desk.wait(1)
    assert desk.read(tracker) is None and tracker.is_away()
    desk.wait(2)
    period = tracker.unlock(desk.wall)
    assert period == AwayPeriod(T0 + timedelta(seconds=60), desk.wall, AwayCause.LOCKED)
    assert not tracker.is_away()
    assert tracker.unlock(desk.wall) is None  # a second unlock signal changes nothing


def test_idle_before_the_lock_starts_the_period_earlier():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    desk.read(tracker)
    desk.wait(400)
    desk.read(tracker)  # idle 400 s: away since T0
    tracker.lock(desk.wall)  # the screensaver locked after a while
    desk.wait(60)
    period = tracker.unlock(desk.wall)
    assert period is not None and period.start == T0 and period.cause is AwayCause.IDLE


def test_reset_forgets_readings_so_a_stale_one_is_not_a_sleep():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    desk.read(tracker)
    tracker.reset()
    desk.sleep(7200)  # nobody polled meanwhile (no timer ran)
    desk.touch()
    desk.wait(1)
    assert desk.read(tracker) is None and not tracker.is_away()


def test_next_reading_waits_until_the_threshold_could_be_reached():
    desk, tracker = Desk(), AwayTracker(FIVE_MINUTES)
    assert tracker.next_reading_in(1.0, 60.0) == 60.0  # nothing known yet
    desk.wait(250)
    desk.read(tracker)
    assert tracker.next_reading_in(1.0, 60.0) == 50.0
    desk.wait(10)
    desk.touch()
    desk.read(tracker)
    assert tracker.next_reading_in(1.0, 60.0) == 60.0  # capped: a sleep is noticed within it
    desk.wait(300)
    desk.read(tracker)
    assert tracker.is_away() and tracker.next_reading_in(1.0, 60.0) == 1.0
