"""The Chinese twin of a10 grades exactly like the English one: the same plausible wrong submission."""

import runpy
from pathlib import Path

WRONG = runpy.run_path(str(Path(__file__).with_name("a10_crm_foundations.py")))["WRONG"]
