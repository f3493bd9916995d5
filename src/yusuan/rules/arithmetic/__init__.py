"""YS1xx — arithmetic: totals inside one table; ``RULES`` lists the family's rules by code."""

from __future__ import annotations

from yusuan.rules.arithmetic.row_splits import ChildRowsExceedParent, SubtotalRowMismatch
from yusuan.rules.arithmetic.side_totals import (
    GrandExpenditureTotalMismatch,
    GrandRevenueTotalMismatch,
    RevenueExpenditureTotalsUnequal,
    SummaryExpenditureTotalMismatch,
    SummaryRevenueTotalMismatch,
)
from yusuan.rules.arithmetic.table_totals import RowTotalMismatch, TotalRowMismatch
from yusuan.rules.arithmetic.three_public import (
    ThreePublicTotalMismatch,
    ThreePublicVehicleSplitMismatch,
)

RULES = (
    RowTotalMismatch,
    TotalRowMismatch,
    SummaryRevenueTotalMismatch,
    SummaryExpenditureTotalMismatch,
    GrandRevenueTotalMismatch,
    GrandExpenditureTotalMismatch,
    RevenueExpenditureTotalsUnequal,
    SubtotalRowMismatch,
    ChildRowsExceedParent,
    ThreePublicVehicleSplitMismatch,
    ThreePublicTotalMismatch,
)
