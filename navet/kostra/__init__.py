"""KOSTRA skjema 11F (økonomisk sosialhjelp) for Statistics Norway: SSB's yearly record
layout, the writer of fixed-width records and SSB's control rules, ported from SSB's
MIT-licensed control program (statisticsnorway/kostra-kontrollprogram; the layouts in
``data/`` are SSB's own files, unchanged, with SSB's licence). Plain Python: the case data
comes in as values per field name (navet.control.kostra builds them)."""
