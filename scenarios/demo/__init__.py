"""The bundled demo: ROC Techniek Twente (Hengelo), three Twente SMEs and five hto'ers.

`plan.json` is written by `python -m scenarios.demo.build`; see build.py for the story.
"""

from pathlib import Path

DEMO_PLAN_PATH = Path(__file__).with_name("plan.json")

__all__ = ["DEMO_PLAN_PATH"]
