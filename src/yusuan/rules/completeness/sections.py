"""The required sections of the 情况说明 (职责, 机构, 收支, 机关运行经费, 三公, 采购, 资产, 绩效, 名词解释)."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model import TableId
from yusuan.rules.base import Finding
from yusuan.rules.completeness.narrative import (
    CONTENT,
    GLOSSARY_ITEM,
    LAW14,
    OPS,
    Spec,
    _SectionRule,
)
from yusuan.rules.context import CheckContext


class SectionDutiesMissing(_SectionRule):
    """检查什么
    情况说明中是否有“部门职责”（主要职能）部分：按标题查找（部门职责、主要职能、职能职责、
    部门概况等），找不到标题时再找正文中的“主要职责：”“部门职责：”等说明文字。

    为什么重要
    部门职责说明钱用来做什么，是读懂预算的前提；公开规程要求部门预决算公开时说明部门职责。

    错误示例
    情况说明直接从“一、收支预算总体情况”写起，全文没有介绍部门承担的职责。

    正确写法
    “一、部门职责及机构设置情况　部门职责：（一）在本行政区域内，保证宪法、法律……的遵守和执行……”
    """

    code = "YS503"
    name = "section-duties-missing"
    title = "情况说明缺少部门职责"
    tags = ("completeness", "narrative")
    basis = CONTENT
    specs = (
        Spec(
            "部门职责",
            r"职责|职能|主要任务|工作任务|(?:部门|单位)(?:概况|基本情况)",
            text=r"^[（(]?[一二三四五六七八九十0-9０-９]*[)）、.．]?(?:部门|单位|主要)?(?:职责|职能)[：:]|主要职责|主要职能",
        ),
    )


class SectionOrganizationMissing(_SectionRule):
    """检查什么
    情况说明中是否介绍“机构设置”：按标题查找（机构设置、内设机构、单位构成、部门概况等），
    再找正文中的“机构设置：”“内设机构”“单位构成”等文字，或单独的机构设置情况表。

    为什么重要
    机构设置说明预算包含哪些单位（本级、所属事业单位），决定了收支的口径；
    公开规程要求部门预决算公开时说明机构设置情况。

    错误示例
    情况说明只写了部门职责，没有说明部门由哪些单位组成、内设哪些机构。

    正确写法
    “机构设置：平乡县人民代表大会常务委员会本级，行政单位，正处（县）级，财政拨款。”
    （或附“部门机构设置情况”表。）
    """

    code = "YS504"
    name = "section-organization-missing"
    title = "情况说明缺少机构设置"
    tags = ("completeness", "narrative", "org")
    basis = CONTENT
    specs = (
        Spec(
            "机构设置",
            r"机构设置|内设机构|机构情况|机构组成|单位构成|部门构成|(?:部门|单位)(?:概况|基本情况)",
            text=r"^(?:部门|单位)?机构设置|内设机构|单位构成|下属(?:二级)?单位包括",
            tables=(TableId.ORG,),
        ),
    )


#: an amount as a sentence states it, or a template's placeholder for one (x,xxx万元, XX万元)
FIGURE = r"(?:总计|合计|总额|数)?为?(?:[0-9][0-9,.]*|[xX][xX,.]*)万?元"


class SectionRevenueExpenditureMissing(_SectionRule):
    """检查什么
    情况说明中是否分别说明了收入和支出：按标题查找（收入说明 / 支出说明 / 收支预算总体情况），
    找不到标题时，看正文是否写出了收入、支出的金额（“收入预算3,121.42万元”；空白模板的
    占位数“收入预算x,xxx万元”也算写出）。缺哪一部分报哪一部分。

    为什么重要
    收支总体情况是情况说明的核心：读者要从文字中知道收入多少、来自哪里，支出多少、用在哪里。

    错误示例
    “二、部门预算安排的总体情况”下只有“（二）支出说明”，没有任何关于收入的说明。

    正确写法
    “（一）收入说明　2023年预算收入593.58万元，其中：一般公共预算收入593.58万元……”
    “（二）支出说明　2023年部门支出预算为593.58万元，其中基本支出430.58万元……”
    """

    code = "YS505"
    name = "section-revenue-expenditure-missing"
    title = "情况说明缺少收入或支出说明"
    tags = ("completeness", "narrative")
    basis = CONTENT
    specs = (
        Spec("收入说明", r"收入|收支", text=rf"收入(?:预算|决算){FIGURE}", subject=r"收入"),
        Spec("支出说明", r"支出|收支", text=rf"支出(?:预算|决算){FIGURE}", subject=r"支出"),
    )


class SectionRunningCostsMissing(_SectionRule):
    """检查什么
    情况说明中是否说明了机关运行经费：标题含“机关运行经费 / 运行经费”，
    或正文（名词解释除外）写出了机关运行经费的安排情况。

    为什么重要
    预算法第十四条明确要求部门预决算对机关运行经费的安排、使用情况作出说明；
    名词解释里对“机关运行费”的定义不能代替这一说明。

    错误示例
    情况说明没有“机关运行经费”一节，只在名词解释里写“机关运行费：是指各部门的公用经费……”。

    正确写法
    “三、机关运行经费安排情况　2023年，我部门机关运行经费共计安排25.51万元，主要用于……”
    """

    code = "YS506"
    name = "section-running-costs-missing"
    title = "情况说明缺少机关运行经费说明"
    tags = ("completeness", "narrative")
    basis = f"{LAW14}：各部门应对部门预算、决算中机关运行经费的安排、使用情况等重要事项作出说明"
    specs = (
        Spec(
            "机关运行经费",
            r"机关运行|运行经费",
            text=r"机关运行(?:经)?费",
            subject=r"运行经费|机关运行费",
        ),
    )


class SectionThreePublicMissing(_SectionRule):
    """检查什么
    情况说明中是否有“三公”经费说明：标题含“三公”，或正文（名词解释除外）写出了“三公”经费的金额或
    “无‘三公’经费”。

    为什么重要
    “三公”经费是公开的重点；除了“三公”经费表，还应在文字中说明总额、分项和增减变化原因。

    错误示例
    公开包只有“财政拨款‘三公’经费支出表”，情况说明中一字未提“三公”经费。

    正确写法
    “四、财政拨款‘三公’经费预算情况及增减变化原因　2023年，我部门财政拨款‘三公’经费预算安排8.3万元，
    其中……比上年预算减少4.7万元，主要原因是厉行节约，压减公务接待费。”
    """

    code = "YS507"
    name = "section-three-public-missing"
    title = "情况说明缺少“三公”经费说明"
    tags = ("completeness", "narrative", "three_public")
    basis = f"{OPS}：部门预决算应公开“三公”经费总额和分项数额，并说明增减变化原因"
    specs = (
        Spec(
            "“三公”经费说明",
            r"三公",
            text=r"三公经费[^。]*?(?:[0-9０-９]|无|未安排)",
            subject=r"三公",
        ),
    )


class SectionProcurementMissing(_SectionRule):
    """检查什么
    情况说明中是否说明了政府采购：标题含“政府采购”，或正文写出了政府采购预算（决算）金额，
    或写明“无政府采购预算”。只在别处提到“列入政府采购预算”“加快政府采购”不算。

    为什么重要
    预算法第十四条要求各部门将政府采购情况及时向社会公开；决算还应说明货物、工程、服务
    的采购金额和授予中小企业的合同金额。

    错误示例
    情况说明没有“政府采购预算情况”一节，只附了一张空的政府采购预算表。

    正确写法
    “六、政府采购预算情况　2023年，平乡县人民代表大会常务委员会安排政府采购预算0.00万元。”
    """

    code = "YS509"
    name = "section-procurement-missing"
    title = "情况说明缺少政府采购说明"
    tags = ("completeness", "narrative", "procurement")
    basis = f"{LAW14}：各级政府、各部门、各单位应当将政府采购的情况及时向社会公开；{OPS}"
    specs = (
        Spec(
            "政府采购",
            r"政府采购",
            text=r"(?:无|未安排|没有)政府采购|政府采购(?:预算|支出|合同)?(?:总额|金额|资金)?(?:为|安排|共计)?[0-9０-９]",
            subject=r"政府采购",
        ),
    )


class SectionAssetsMissing(_SectionRule):
    """检查什么
    情况说明中是否说明了国有资产占用情况：标题含“国有资产 / 资产占用 / 固定资产”，
    或正文写出了国有资产、固定资产的金额或数量。

    为什么重要
    公开规程要求部门预决算说明国有资产占用情况（车辆、房屋、大型设备等），
    这是社会监督公共资产的主要渠道。

    错误示例
    公开包附了“部门固定资产占用情况表”，但情况说明中没有任何关于国有资产的文字。

    正确写法
    “七、国有资产信息　本部门（含所属单位）上年末固定资产金额为155.59万元（详见下表）……”
    """

    code = "YS510"
    name = "section-assets-missing"
    title = "情况说明缺少国有资产占用说明"
    tags = ("completeness", "narrative", "assets")
    basis = CONTENT
    specs = (
        Spec(
            "国有资产占用",
            r"国有资产|资产占用|固定资产|资产信息|资产情况|资产配置",
            text=r"(?:国有资产|固定资产|资产总额)[^。]*?[0-9０-９]",
            subject=r"资产",
        ),
    )


class SectionPerformanceMissing(_SectionRule):
    """检查什么
    公开包中是否有绩效信息：标题含“绩效”，或正文写到绩效目标 / 绩效指标 / 绩效评价，
    或附有项目绩效目标表。预算看绩效目标，决算看绩效评价（自评）。

    为什么重要
    全面实施预算绩效管理要求绩效目标随预算一并公开；没有绩效信息，
    读者无法判断钱花了要达到什么效果。

    错误示例
    情况说明写完“三公”经费后直接是政府采购和名词解释，没有绩效目标，也没有绩效目标表。

    正确写法
    “五、预算绩效信息　（一）总体绩效目标……（二）分项绩效目标……”，并附各项目的绩效目标表。
    """

    code = "YS511"
    name = "section-performance-missing"
    title = "缺少绩效目标（绩效评价）信息"
    tags = ("completeness", "narrative", "performance")
    basis = f"{CONTENT}；《中共中央 国务院关于全面实施预算绩效管理的意见》：绩效目标与预算一并公开"
    specs = (
        Spec(
            "绩效目标",
            r"绩效",
            text=r"绩效目标|绩效指标|绩效评价|绩效自评",
            tables=(TableId.PERFORMANCE,),
        ),
    )


class SectionGlossaryMissing(_SectionRule):
    """检查什么
    情况说明末尾是否有“名词解释”：标题含“名词解释 / 专业名词 / 术语解释”，
    或正文中至少有三条“X：指……”形式的解释条目。

    为什么重要
    财政拨款、基本支出、项目支出、“三公”经费、机关运行经费等都是专业词汇，
    公开规程要求对专业性较强的名词进行解释，便于公众读懂。

    错误示例
    公开包最后一节是“其他需要说明的事项”，全文没有名词解释。

    正确写法
    “八、名词解释　1、一般公共预算拨款收入：指县级财政当年拨付的资金。2、事业收入：指……”
    """

    code = "YS512"
    name = "section-glossary-missing"
    title = "缺少名词解释"
    tags = ("completeness", "narrative")
    basis = CONTENT
    specs = (Spec("名词解释", r"名词解释|名词说明|术语解释|专业名词|名词术语|词语解释"),)

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        items = [p for _, p in ctx.paragraphs if GLOSSARY_ITEM.match(p.text)]
        if len(items) >= 3:
            return
        yield from super().check(ctx)
