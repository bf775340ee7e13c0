"""An application in progress for the view tests: facts, a case and the office's settings."""

from __future__ import annotations

from typing import Any

import pytest

from navet.applications.models import FactArea, FactSource
from tests.conftest import World
from tests.factories import make_application, make_case, make_decision_settings, make_fact


@pytest.fixture
def application(world: World) -> Any:
    application = make_application(
        person=world.citizen_oslo,
        notices=["Søknaden har et felt Navet ikke kjenner: sjekk vedleggene."],
        register_failures=["inntektFraSkatteetatenFeilet"],
    )
    make_fact(application=application)
    make_fact(
        application=application,
        area=FactArea.INCOME,
        type="navytelse",
        title="Arbeidsavklaringspenger",
        amount=5000,
        rules_type="benefits",
        source=FactSource.REGISTER,
    )
    make_case(application=application)
    make_decision_settings(office=world.oslo)
    return application
