"""Shared fixtures. Every test talks to the real engine that `./course setup` provisioned."""
import pytest

from course_lib import engine


@pytest.fixture(scope="session")
def client():
    try:
        docker_client = engine.connect()
    except engine.EngineUnavailable as exc:
        pytest.fail(f"These tests need the Docker engine: run `./course setup` first.\n{exc}")
    yield docker_client
    docker_client.close()
