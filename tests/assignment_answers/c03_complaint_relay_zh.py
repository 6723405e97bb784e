"""The Chinese twin of c03 grades exactly like the English one: the same plausible wrong submission."""

import runpy
from pathlib import Path

WRONG = runpy.run_path(str(Path(__file__).with_name("c03_complaint_relay.py")))["WRONG"]
