"""The demo's own words in decisions, in the letter's language."""

from __future__ import annotations

# The demo's words in the letter's language (free text is printed as written).
TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "per_month": "%(title)s: %(amount)s i måneden.",
        "no_income": "Du har ingen inntekt denne måneden.",
        "granted": "Du har ikke andre midler, og vi dekker det du trenger etter satsene.",
        "partly": "Husleien er høyere enn det kommunen dekker. Vi dekker husleie opp til "
        "grensen, og resten av det du trenger.",
        "rent_cap": "Kommunens øvre grense for husleie for din husstand er %(cap)s.",
        "income_above": "Lønnen din dekker det du trenger etter satsene denne måneden.",
        "savings_fact": "Du har 24 000 kr på brukskontoen din.",
        "savings": "Du har penger på konto som du må bruke først. Da kan du klare deg selv "
        "denne måneden.",
        "dismissed": "Du har søkt om det samme før, og vi har allerede gjort vedtak.",
        "emergency": "Nødhjelp til mat og bussbillett for de nærmeste dagene. Resten av "
        "søknaden behandler vi når vi har opplysningene om økonomien din.",
        "children": "Barna bor fast hos deg og går i barnehage og skole. Vi har sett på "
        "barnas behov.",
    },
    "nn": {
        "per_month": "%(title)s: %(amount)s i månaden.",
        "no_income": "Du har inga inntekt denne månaden.",
        "granted": "Du har ikkje andre midlar, og vi dekkjer det du treng etter satsane.",
        "partly": "Husleiga er høgare enn det kommunen dekkjer. Vi dekkjer husleige opp til "
        "grensa, og resten av det du treng.",
        "rent_cap": "Den øvre grensa i kommunen for husleige for hushaldet ditt er %(cap)s.",
        "income_above": "Løna di dekkjer det du treng etter satsane denne månaden.",
        "savings_fact": "Du har 24 000 kr på brukskontoen din.",
        "savings": "Du har pengar på konto som du må bruke først. Då kan du klare deg sjølv "
        "denne månaden.",
        "dismissed": "Du har søkt om det same før, og vi har alt gjort vedtak.",
        "emergency": "Naudhjelp til mat og bussbillett for dei næraste dagane. Resten av "
        "søknaden behandlar vi når vi har opplysningane om økonomien din.",
        "children": "Barna bur fast hos deg og går i barnehage og skule. Vi har sett på "
        "behova til barna.",
    },
}
