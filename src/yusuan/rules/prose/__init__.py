"""YS4xx — prose against tables: the amounts the 情况说明 states, checked against the tables; ``RULES``
lists the family's rules by code.
"""

from __future__ import annotations

from yusuan.rules.prose.changes import (
    StatedChangeNotAddingUp,
    StatedComparisonContradicted,
    StatedPercentageWrong,
)
from yusuan.rules.prose.expenditure import (
    StatedBasicMismatch,
    StatedExpenditureTotalMismatch,
    StatedFiscalExpenditureMismatch,
    StatedPersonnelMismatch,
    StatedProjectMismatch,
    StatedPublicFundsMismatch,
)
from yusuan.rules.prose.final import (
    FinalComparedWithBudgetWrong,
    StatedFinalTotalMismatch,
    ThreePublicBudgetBlank,
)
from yusuan.rules.prose.items import (
    StatedBudgetArrangementMismatch,
    StatedFixedAssetsMismatch,
    StatedProcurementMismatch,
    StatedRunningCostsDiffer,
    StatedThreePublicMismatch,
)
from yusuan.rules.prose.renames import SubjectNamedByOtherYear
from yusuan.rules.prose.revenue import (
    StatedCarryoverMismatch,
    StatedFundRevenueMismatch,
    StatedGpbRevenueMismatch,
    StatedOtherRevenueMismatch,
    StatedRevenueLineMismatch,
    StatedRevenueTotalMismatch,
    StatedSpecialAccountMismatch,
)
from yusuan.rules.prose.subjects import StatedSubjectAmountMismatch
from yusuan.rules.prose.terms import (
    StatedUnitError,
    SubjectNameDiffersFromTable,
    SubjectStatedTwiceDifferently,
    WrongYearNamed,
)

RULES = (
    StatedRevenueTotalMismatch,
    StatedGpbRevenueMismatch,
    StatedFundRevenueMismatch,
    StatedSpecialAccountMismatch,
    StatedOtherRevenueMismatch,
    StatedCarryoverMismatch,
    StatedExpenditureTotalMismatch,
    StatedBasicMismatch,
    StatedPersonnelMismatch,
    StatedPublicFundsMismatch,
    StatedProjectMismatch,
    StatedRunningCostsDiffer,
    StatedThreePublicMismatch,
    StatedProcurementMismatch,
    StatedFixedAssetsMismatch,
    StatedBudgetArrangementMismatch,
    StatedChangeNotAddingUp,
    StatedPercentageWrong,
    StatedComparisonContradicted,
    WrongYearNamed,
    SubjectStatedTwiceDifferently,
    SubjectNameDiffersFromTable,
    StatedUnitError,
    StatedFinalTotalMismatch,
    FinalComparedWithBudgetWrong,
    ThreePublicBudgetBlank,
    SubjectNamedByOtherYear,
    StatedSubjectAmountMismatch,
    StatedRevenueLineMismatch,
    StatedFiscalExpenditureMismatch,
)
