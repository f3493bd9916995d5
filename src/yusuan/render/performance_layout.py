"""The 绩效自评 workbook's layout: what ``template --performance`` writes and ``evaluate`` reads.

One sheet 填报说明 (the marker, 部门, 年度, how to fill, the projects) and one sheet per
project.  A project sheet (columns A–H):

====  =====================================================================
row   content
====  =====================================================================
1     项目支出绩效自评表 (title)
2     部门 · 年度 · 金额单位：万元
3     项目名称 | the project
4     主管部门 | … | 实施单位 | …
5     项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数
6     年度资金总额 | input | input | input
7     年度总体目标 | the goals as printed
8     实际完成情况 | input
9     评分权重（分） | 预算执行率 | 产出指标 | 效益指标 | 满意度指标
10    (weights) | 10 | 50 | 30 | 10  (inputs)
11    一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 偏差原因 | 改进措施
12…   one indicator a row
====  =====================================================================

The reader finds each row by the label in column A, so the row numbers are the writer's
choice, not a contract; the labels are.
"""

from __future__ import annotations

from openpyxl.styles import PatternFill

MARKER = "yusuan 绩效自评工作簿"
VERSION = "1"
GUIDE = "填报说明"
TITLE = "项目支出绩效自评表"

LABEL_PROJECT = "项目名称"
LABEL_DEPARTMENT = "主管部门"
LABEL_AGENCY = "实施单位"
LABEL_MONEY = "项目资金（万元）"
MONEY_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
LABEL_TOTAL = "年度资金总额"
LABEL_GOALS = "年度总体目标"
LABEL_ACHIEVED = "实际完成情况"
LABEL_WEIGHTS = "评分权重（分）"
WEIGHT_KINDS = (("budget", "预算执行率"), ("output", "产出指标"), ("outcome", "效益指标"),
                ("satisfaction", "满意度指标"))  # fmt: skip
HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值（空则平分）",
    "偏差原因",
    "改进措施",
)
COL_LEVEL1, COL_LEVEL2, COL_LEVEL3, COL_TARGET = 1, 2, 3, 4
COL_ACTUAL, COL_WEIGHT, COL_REASON, COL_MEASURE = 5, 6, 7, 8
NCOLS = len(HEADER)
GRADE_LIST = ("达成", "部分达成", "未达成")

#: The guide sheet: label in A, value in B.
GUIDE_DEPARTMENT = "部门名称"
GUIDE_YEAR = "预算年度"

INPUT_FILL = PatternFill("solid", fgColor="DDEBF7")  # 蓝色: to fill
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")  # 灰色: as printed, locked

NOTES = (
    "蓝色单元格为填写内容，其余单元格为公开文件所列内容，已锁定（工作表保护无密码，可在“审阅”中撤销）。",
    "金额单位为万元，只填数字。全年预算数为调整后的全年预算，执行率 = 全年执行数 ÷ 全年预算数。",
    "实际完成值：定量指标填数字，单位与指标值相同（如指标值“≥150人”填 120）；"
    "定性指标从下拉列表选择 达成 / 部分达成 / 未达成。",
    "未达成目标的指标须填写偏差原因；改进措施供整改使用，不计分。",
    "评分权重默认按《项目支出绩效评价管理办法》（财预〔2020〕10号）：预算执行率10分、产出50分、"
    "效益30分、满意度10分，合计须为100；各类指标的分值默认平均分配，可在“分值”列逐项填写。",
    "填好后运行：yusuan evaluate 绩效自评.xlsx -o 输出文件夹",
)
