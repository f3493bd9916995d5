"""YS6xx — plausibility and wording defects; ``RULES`` lists the family's rules by code."""

from __future__ import annotations

from yusuan.rules.wording.amounts import (
    ExcessDecimals,
    NegativeAmount,
    ParentBlankChildFilled,
    ProcurementClaimContradicted,
)
from yusuan.rules.wording.cell_values import (
    AmountInWrongUnitSuspected,
    NonNumericAmountCell,
    YearMissing,
    ZeroPrintedVsBlank,
)
from yusuan.rules.wording.display import ParagraphWithoutFullStop, UndisplayableCharacter
from yusuan.rules.wording.text import (
    BrokenSentence,
    DoubledPunctuation,
    PlaceholderLeft,
    UnitPackageSaysDepartment,
    UnpairedQuoteOrBracket,
)

RULES = (
    NegativeAmount,
    ExcessDecimals,
    ParentBlankChildFilled,
    ProcurementClaimContradicted,
    PlaceholderLeft,
    BrokenSentence,
    DoubledPunctuation,
    UnpairedQuoteOrBracket,
    UnitPackageSaysDepartment,
    NonNumericAmountCell,
    AmountInWrongUnitSuspected,
    ZeroPrintedVsBlank,
    YearMissing,
    UndisplayableCharacter,
    ParagraphWithoutFullStop,
)
