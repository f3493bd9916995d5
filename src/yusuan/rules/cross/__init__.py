"""YS3xx — across tables: the same figures in every table that prints them; ``RULES`` lists the
family's rules by code.
"""

from __future__ import annotations

from yusuan.rules.cross.basic import (
    BasicTableVsGpbBasicTotal,
    PersonnelPlusPublicNotBasic,
    SocialSecurityClassificationMismatch,
    ThreePublicBelowBasicItems,
)
from yusuan.rules.cross.classes import (
    ExpenditureGpbSubjectMismatch,
    FiscalClassVsGpbTable,
    FiscalFundVsGovFundTable,
    FiscalSoeVsSoeTable,
    RevenueExpenditureSubjectMismatch,
    SummaryClassVsExpenditureTable,
)
from yusuan.rules.cross.headings import TableDepartmentMismatch, TableYearMismatch
from yusuan.rules.cross.personnel import PersonnelClassesMismatch
from yusuan.rules.cross.totals import (
    FiscalRevenueVsSummary,
    RevenueItemsVsSummary,
    SummaryVsExpenditureTableTotal,
    SummaryVsRevenueTableTotal,
)

RULES = (
    RevenueExpenditureSubjectMismatch,
    ExpenditureGpbSubjectMismatch,
    SummaryClassVsExpenditureTable,
    SummaryVsRevenueTableTotal,
    SummaryVsExpenditureTableTotal,
    FiscalRevenueVsSummary,
    FiscalClassVsGpbTable,
    FiscalFundVsGovFundTable,
    FiscalSoeVsSoeTable,
    BasicTableVsGpbBasicTotal,
    PersonnelPlusPublicNotBasic,
    PersonnelClassesMismatch,
    SocialSecurityClassificationMismatch,
    ThreePublicBelowBasicItems,
    RevenueItemsVsSummary,
    TableYearMismatch,
    TableDepartmentMismatch,
)
