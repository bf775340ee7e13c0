"""navet.digisos is pure Python: an importer or a command-line check needs no Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_package_imports_no_django() -> None:
    code = (
        "import sys, navet.digisos.folder, navet.digisos.validation, navet.digisos.soknad, "
        "navet.digisos.vedlegg; assert 'django' not in sys.modules, 'django was imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_check_itself_sees_django() -> None:
    """The same check fails once Django is imported, so the test above can fail."""
    code = "import sys, django.conf; assert 'django' not in sys.modules, 'django was imported'"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "django was imported" in result.stderr
