"""YS2xx — the 科目 hierarchy of coded tables (类/款/项 sums, the codes) and the codes against the
year's 科目 catalogue (YS209–YS210); ``RULES`` lists the family's rules by code.
"""

from __future__ import annotations

from yusuan.rules.hierarchy.catalogue import CodeNameDiffersFromCatalog, CodeUnknownToCatalog
from yusuan.rules.hierarchy.code_rows import (
    CodeNameConflict,
    CodeOrderBroken,
    DuplicateCodeRow,
    MalformedSubjectCode,
)
from yusuan.rules.hierarchy.level_sums import (
    EconomicClassSumMismatch,
    FunctionClassSumMismatch,
    FunctionSectionSumMismatch,
    OrphanCodeRow,
)

RULES = (
    FunctionClassSumMismatch,
    FunctionSectionSumMismatch,
    EconomicClassSumMismatch,
    OrphanCodeRow,
    CodeNameConflict,
    MalformedSubjectCode,
    DuplicateCodeRow,
    CodeOrderBroken,
    CodeUnknownToCatalog,
    CodeNameDiffersFromCatalog,
)
