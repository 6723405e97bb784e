"""The Chinese twin of a14 grades exactly like the English one: the same plausible wrong submission."""

import runpy
from pathlib import Path

WRONG = runpy.run_path(str(Path(__file__).with_name("a14_data_mining.py")))["WRONG"]
