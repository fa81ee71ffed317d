"""What a case shows about the exhaustion of domestic remedies (article 22(5)(b) CAT).

One reading of the procedural history serves the complaint, which argues from it, and the
warnings, which tell the lawyer what the Committee's secretariat will ask and the case does not
answer. The complaint concludes that remedies are exhausted only when nothing here stands open.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.case.jurisdictions import jurisdiction


@dataclass(frozen=True)
class Exhaustion:
    steps: int
    # Pending steps that do not suspend removal: argued to be ineffective.
    ineffective: tuple[dict, ...]
    # Pending steps that suspend removal, or may: still to be exhausted.
    open: tuple[dict, ...]
    # Steps whose outcome the author does not know.
    unknown: tuple[dict, ...]
    # Remedies of the respondent State's profile neither tried nor said why not.
    unaccounted: tuple[dict, ...]
    # The same remedies that were accounted for as not used, with the profile's name when any.
    not_used: tuple[dict, ...]

    @property
    def exhausted(self) -> bool:
        """True when the listed facts support the conclusion that remedies are exhausted."""
        return bool(self.steps) and not (self.open or self.unknown or self.unaccounted)


def exhaustion(case: dict) -> Exhaustion:
    steps = case["procedural_history"]
    pending = [step for step in steps if step["outcome"] == "pending"]
    profile = jurisdiction(case["respondent_state"]) or {"remedies": []}
    tried = {step["kind"] for step in steps}
    explained = {remedy["kind"] for remedy in case["remedies_not_used"]}
    unaccounted = tuple(
        remedy for remedy in profile["remedies"]
        if steps and not set(remedy["kinds"]) & (tried | explained)
    )
    not_used = tuple(
        {**remedy, "remedy": remedy["remedy"] or _profile_name(profile, remedy["kind"])}
        for remedy in case["remedies_not_used"]
    )
    return Exhaustion(
        steps=len(steps),
        ineffective=tuple(step for step in pending if step["suspensive_effect"] is False),
        open=tuple(step for step in pending if step["suspensive_effect"] is not False),
        unknown=tuple(step for step in steps if step["outcome"] == "not_known"),
        unaccounted=unaccounted,
        not_used=not_used,
    )


def _profile_name(profile: dict, kind: str) -> str | None:
    return next((remedy["name"] for remedy in profile["remedies"] if kind in remedy["kinds"]), None)
