"""Words of the plan-wide sheet (the plan's own indicators in the yearly evaluation) on the staff pages."""

from __future__ import annotations

from keikaku.services.cycle import PLAN_OWNER_WORDS

PLAN_WIDE_WORDS: dict[str, tuple[str, str]] = {
    "plan_owner": PLAN_OWNER_WORDS,  # one definition: the board's row, the reminders and the exports share it
    "plan_wide_sheet_help": ("計画全体に掛かる指標（市民満足度、人口など）の実績値と評価です。管理者（企画政策課）が入力・提出し、審査者が承認すると公開されます。",
                             "The actuals and evaluation of the indicators of the plan as a whole (citizen satisfaction, "
                             "population …). Admins (the planning division) enter and submit them; once a reviewer "
                             "approves, they are published."),
}
