"""YS5xx — completeness: the required tables and 情况说明 sections; ``RULES`` lists the family's rules
by code.
"""

from __future__ import annotations

from yusuan.rules.completeness.explanations import ThreePublicChangeUnexplained
from yusuan.rules.completeness.sections import (
    SectionAssetsMissing,
    SectionDutiesMissing,
    SectionGlossaryMissing,
    SectionOrganizationMissing,
    SectionPerformanceMissing,
    SectionProcurementMissing,
    SectionRevenueExpenditureMissing,
    SectionRunningCostsMissing,
    SectionThreePublicMissing,
)
from yusuan.rules.completeness.tables import EmptyTableWithoutNote, RequiredTableMissing

RULES = (
    RequiredTableMissing,
    EmptyTableWithoutNote,
    SectionDutiesMissing,
    SectionOrganizationMissing,
    SectionRevenueExpenditureMissing,
    SectionRunningCostsMissing,
    SectionThreePublicMissing,
    ThreePublicChangeUnexplained,
    SectionProcurementMissing,
    SectionAssetsMissing,
    SectionPerformanceMissing,
    SectionGlossaryMissing,
)
