"""The citizen's sessions, findable by ID-porten's session id for front-channel logout."""

from __future__ import annotations

from django.db import models

from navet.people.models import Person


class CitizenSessionQuerySet(models.QuerySet["CitizenSession"]):
    def of_login(self, issuer: str, sid: str) -> CitizenSessionQuerySet:
        return self.filter(issuer=issuer, sid=sid)


class CitizenSession(models.Model):
    """One portal login: which Django session holds it, under which ID-porten session
    (`sid`). Written at login, removed at logout; a front-channel logout ends exactly the
    sessions of its sid."""

    session_key = models.CharField(max_length=40, unique=True)
    issuer = models.CharField(max_length=300)
    sid = models.CharField(max_length=200)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CitizenSessionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["sid", "issuer"], name="citizen_session_sid")]
