"""The areas of life a mapping covers. The national list is here, in code, with its source;
an office adds its own areas (LifeArea rows) and hides national ones (LifeAreaHidden),
so the list an office sees is data it can adjust.

Source: Navet's own wording after the areas recommended in shared/reference/citizen.md
§ 4.2 (no single national kartleggingsverktøy for the social services was found; no
licensed scale is used). The order is the order of the mapping form."""

from __future__ import annotations

from dataclasses import dataclass

from navet.core.models import Office


@dataclass(frozen=True)
class Area:
    key: str
    name_nb: str
    name_nn: str
    name_en: str
    order: int

    def name(self, language: str) -> str:
        return {"nn": self.name_nn, "en": self.name_en}.get(language[:2], self.name_nb)


NATIONAL_AREAS: tuple[Area, ...] = (
    Area("okonomi", "Økonomi og gjeld", "Økonomi og gjeld", "Money and debt", 10),
    Area("bolig", "Bolig og bosituasjon", "Bustad og busituasjon", "Housing", 20),
    Area(
        "arbeid",
        "Arbeid, utdanning og kompetanse",
        "Arbeid, utdanning og kompetanse",
        "Work, education and skills",
        30,
    ),
    Area("fysisk_helse", "Fysisk helse", "Fysisk helse", "Physical health", 40),
    Area("psykisk_helse", "Psykisk helse", "Psykisk helse", "Mental health", 50),
    Area("rus", "Rus", "Rus", "Alcohol and drugs", 60),
    Area(
        "familie",
        "Familie, barn og omsorgsansvar",
        "Familie, born og omsorgsansvar",
        "Family, children and caring",
        70,
    ),
    Area(
        "nettverk",
        "Nettverk og relasjoner",
        "Nettverk og relasjonar",
        "Network and relationships",
        80,
    ),
    Area("hverdag", "Hverdagsmestring", "Kvardagsmeistring", "Managing everyday life", 90),
    Area(
        "fritid",
        "Fritid og meningsfull aktivitet",
        "Fritid og meiningsfull aktivitet",
        "Leisure and meaningful activity",
        100,
    ),
    Area(
        "sprak",
        "Språk og norskferdigheter",
        "Språk og norskdugleik",
        "Language and Norwegian skills",
        110,
    ),
    Area("juridisk", "Juridiske forhold", "Juridiske forhold", "Legal matters", 120),
)
NATIONAL_KEYS = frozenset(area.key for area in NATIONAL_AREAS)


def areas_for_office(office: Office | int) -> list[Area]:
    """The national areas the office has not hidden, and the office's own, in order
    (2 queries)."""
    from navet.followup.models import LifeArea, LifeAreaHidden

    office_id = office if isinstance(office, int) else office.pk
    hidden = set(LifeAreaHidden.objects.filter(office_id=office_id).values_list("key", flat=True))
    own = [
        Area(a.key, a.name_nb, a.name_nn, a.name_en, a.order)
        for a in LifeArea.objects.filter(office_id=office_id, active=True)
    ]
    found = [area for area in NATIONAL_AREAS if area.key not in hidden] + own
    return sorted(found, key=lambda area: (area.order, area.key))


def area_names(office: Office | int, language: str) -> dict[str, str]:
    """Every area's name by key, hidden ones too (an old mapping may hold them)."""
    from navet.followup.models import LifeArea

    office_id = office if isinstance(office, int) else office.pk
    names = {area.key: area.name(language) for area in NATIONAL_AREAS}
    for own in LifeArea.objects.filter(office_id=office_id):
        names[own.key] = Area(own.key, own.name_nb, own.name_nn, own.name_en, 0).name(language)
    return names
