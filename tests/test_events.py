"""course_lib.events against the real engine: the stream is recorded, bounded, and read back."""
import time

from course_lib import events, live, naming
from course_lib.plots import engine as engine_plots


def _filters(tag):
    return {"label": [f"{naming.RUN_LABEL}={naming.run_id()}", f"events-test={tag}"]}


def test_lifecycle_is_recorded_in_order():
    name = naming.name("events-life")
    tag = f"life-{time.monotonic_ns()}"
    with events.Recorder(filters=_filters(tag)) as recorder:
        live.run(f"docker create --label events-test={tag} --name {name} busybox sleep 60", echo=False)
        for step in ("start", "pause", "unpause", "kill", "rm"):
            live.run(f"docker {step} {name}", echo=False)
    recorded = recorder.of(name=name)
    assert [e.verb for e in recorded] == ["create", "start", "pause", "unpause", "kill", "die", "destroy"]
    assert recorded[4].attributes["signal"] == "9" and recorded[5].attributes["exitCode"] == "137"
    assert [after for _, _, after in events.transitions(recorded)] == [
        "created", "running", "paused", "running", "exited", "removed"]
    assert events.transitions(recorded)[4][1] == "kill"
    # both figures draw from what was recorded
    assert engine_plots.state_diagram(recorded).get_title()
    assert len(engine_plots.timeline(recorded).get_xticklabels()) == len(recorded)


def test_filters_keep_other_objects_out():
    tag = f"mine-{time.monotonic_ns()}"
    with events.Recorder(filters=_filters(tag)) as recorder:
        live.run("docker run --rm --label events-test=someone-else busybox true", echo=False)
    assert recorder.events == []


def test_stop_returns_quickly_and_the_stream_is_bounded():
    recorder = events.Recorder(filters=_filters("quiet"), max_seconds=2).start()
    started = time.monotonic()
    recorder.stop(settle=0)
    assert time.monotonic() - started < 2
    # a recorder nobody stops ends by itself when the engine closes the stream at `until`
    forgotten = events.Recorder(filters=_filters("forgotten"), max_seconds=1).start()
    forgotten._thread.join(timeout=10)
    assert not forgotten._thread.is_alive()


def test_wait_count_is_bounded():
    with events.Recorder(filters=_filters("never")) as recorder:
        started = time.monotonic()
        assert recorder.wait_count("die", 1, timeout=0.5) is False
        assert time.monotonic() - started < 2


def test_stop_die_is_named_after_stop():
    name = naming.name("events-stop")
    tag = f"stop-{time.monotonic_ns()}"
    with events.Recorder(filters=_filters(tag)) as recorder:
        live.run(f"docker run -d --label events-test={tag} --name {name} busybox "
                 "sh -c 'trap \"exit 0\" TERM; sleep 60 & wait'", echo=False)
        live.run(f"docker stop {name}", echo=False)
        live.run(f"docker rm {name}", echo=False)
    causes = [cause for _, cause, _ in events.transitions(recorder.of(name=name))]
    assert causes == ["create", "start", "stop", "destroy"]
