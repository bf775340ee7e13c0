"""Law as code: dated rates and calculations that explain themselves.

A pure Python package (NumPy for the batch path, no Django) that the rest of Navet calls.
Every rate is dated data with its source in ``data/*.toml``; every calculation returns its
result together with explanation lines (``navet.rules.explain.Line``) and warnings.
See docs/rules.md for the rules, the JSON interface (``python -m navet.rules``) and
worked examples.
"""

from navet.rules.benefits import introduction_benefit, qualification_benefit
from navet.rules.deadlines import appeal_deadline
from navet.rules.debt import debt_subsistence
from navet.rules.errors import RulesInputError
from navet.rules.living_costs import living_costs

__all__ = [
    "RulesInputError",
    "appeal_deadline",
    "debt_subsistence",
    "introduction_benefit",
    "living_costs",
    "qualification_benefit",
]
