"""Letters as PDF/A: decisions, interim replies, documentation requests, appeal forwarding.

Input is plain frozen dataclasses (`navet.letters.content`), output is HTML and PDF/A
(`navet.letters.render`). The letters know nothing of the casework models; the code that
sends a letter maps its models to these dataclasses.
"""
