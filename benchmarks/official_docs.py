"""Whole official documents: the narrative (情况说明) that restates the nine tables, around the tables themselves.

The narrative follows the Shanghai templates: totals, each source's share (占 x%),
comparisons with last year (比上年增加 A 万元，增长 B%) and with the budget
(完成年初预算的 C%; 决算数小于预算数的主要原因), every figure in 万元 taken
from the same ledger as the tables and printed as the tables print it, and every
rate computed from the two printed figures beside it.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import official_vocab as OV
from official import FEN, FUNDS, ZERO, Agency, Ledger, YearLedgers, wan
from official_tables import budget_tables, final_tables
from yamltext import Flow, Lit

HUNDRED = Decimal(100)

GLOSSARY = [
    ("财政拨款收入", "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("其他收入", "指除“财政拨款收入”“事业收入”“经营收入”等以外的收入。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"),
    ("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出，包括人员经费和公用经费。"),
    ("项目支出", "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。"),
    ("“三公”经费", "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"),
]


class OfficialWriter:
    """Builds one official document (a department's or one unit's 预算 or 决算) as plain data, in printed order."""

    def __init__(
        self, rng: random.Random, a: Agency, years: dict[int, YearLedgers], year: int, kind: str, unit: int | None, misprint: Decimal = ZERO
    ) -> None:
        self.rng = rng
        self.misprint = misprint
        """Added to the “三公” budget total wherever the document prints it: a planted error the text repeats."""
        self.a = a
        self.year = year
        self.kind = kind
        self.unit = unit
        self.scope = "department" if unit is None else "unit"
        self.name = a.name if unit is None else a.units[unit].name
        self.whom = "本部门" if unit is None else "本单位"
        self.now = years[year].of(kind, unit)
        self.last = years[year - 1].of(kind, unit)
        self.plan = years[year].of("budget", unit)
        self.body: list[dict[str, Any]] = []

    # ---- words and figures

    def money(self, value: Decimal) -> str:
        """A 元 amount as the narrative prints it in 万元."""
        w = wan(value)
        if not w:
            return "0"
        return f"{w:,.2f}" if self.a.separators else f"{w:.2f}"

    def share(self, part: Decimal, whole: Decimal) -> str:
        """占 x%, from the two printed figures."""
        p, t = wan(part), wan(whole)
        return f"{(p / t * HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP):.2f}" if t else "0.00"

    def compared(self, now: Decimal, before: Decimal, what: str, rate: bool = False) -> str:
        """比上年增加 A 万元（，增长 B%）; 与上年持平: from the printed figures."""
        a, b = wan(now), wan(before)
        if a == b:
            return f"与{what}持平"
        word, grow = ("增加", "增长") if a > b else ("减少", "下降")
        out = f"比{what}{word}{_plain(abs(a - b), self.a.separators)}万元"
        if rate and b:
            out += f"，{grow}{(abs(a - b) / b * HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP):.2f}%"
        return out

    def heading(self, text: str, level: int = 2) -> None:
        self.body.append({"type": "heading", "level": level, "text": text})

    def text(self, *paragraphs: str) -> None:
        self.body.append({"type": "text", "text": Lit("\n\n".join(paragraphs) + "\n")})

    def items(self, items: list[str]) -> None:
        self.body.append({"type": "list", "numbering": "1. ", "items": items})

    def reason(self, up: bool) -> str:
        return self.rng.choice(OV.REASONS_UP if up else OV.REASONS_DOWN)

    def item_name(self, code: str) -> str:
        """一般公共服务支出（类）商贸事务（款）行政运行（项）."""
        return f"{OV.CLASS_NAMES[code[:3]]}（类）{OV.KUAN[code[:5]]}（款）{OV.XIANG[code]}（项）"

    def purpose(self, code: str) -> str:
        return OV.PURPOSE_BY_CODE.get(code) or OV.PURPOSES.get(code[5:], f"{OV.XIANG[code]}相关工作支出")

    # ---- the document

    def build(self) -> dict[str, Any]:
        a, r, y = self.a, self.rng, self.year
        head: dict[str, Any] = {"department": a.id, "year": y, "kind": self.kind}
        if self.unit is not None:
            u = a.units[self.unit]
            head["scope"] = "unit"
            head["budget_unit"] = Flow(name=u.name, slug=u.slug, whole=a.whole) if a.whole else Flow(name=u.name, slug=u.slug)
        if self.kind == "budget":
            head["title"] = f"{self.name}{y}年{'部门' if self.unit is None else '单位'}预算"
            approved = dt.date(y, r.randint(1, 2), r.randint(1, 28))
            head["unit"] = "元"
            self.budget()
        else:
            head["title"] = f"{self.name}{y}年度{'部门' if self.unit is None else '单位'}决算"
            approved = dt.date(y + 1, r.randint(7, 8), r.randint(1, 28))
            head["unit"] = "万元"
            self.final_accounts()
        head["approved"] = approved.isoformat()
        head["published"] = (approved + dt.timedelta(days=r.randint(0, 20))).isoformat()
        head["body"] = self.body
        return head

    def duties(self) -> None:
        items = self.rng.sample(self.a.kind["duties"], min(len(self.a.kind["duties"]), self.rng.randint(3, 5)))
        self.items([i + "。" for i in items] + ["完成区委、区政府交办的其他任务。"])

    def glossary(self) -> None:
        self.body.append({"type": "glossary", "items": [Flow(term=t, definition=d) for t, d in GLOSSARY]})

    # ---- 预算

    def budget(self) -> None:
        a, y, now, last = self.a, self.year, self.now, self.last
        who = "部门" if self.unit is None else "单位"
        self.heading(f"一、{who}主要职能")
        self.duties()
        self.heading(f"二、{who}机构设置")
        if self.unit is None and not a.whole:
            self.text(f"{a.name}部门预算是包括{a.units[0].name}以及下属{len(a.units) - 1}家预算单位的综合收支计划。")
        else:
            self.text(f"{self.name}的收支全部纳入本{who}预算。")
        self.heading("三、名词解释")
        self.glossary()
        self.heading(f"四、{who}预算编制说明")
        spent = {s: sum((x.total for (_, src), x in now.spend.items() if src == s), ZERO) for s in ("general", "gov-fund", "state-capital", "business", "other")}
        before = {s: sum((x.total for (_, src), x in last.spend.items() if src == s), ZERO) for s in spent}
        fiscal, fiscal_before = sum((spent[f] for f in FUNDS), ZERO), sum((before[f] for f in FUNDS), ZERO)
        total = sum(spent.values(), ZERO)
        prior = f"{y - 1}年预算"
        self.text(
            f"{y}年，{self.name}收入预算{self.money(total)}万元，其中：财政拨款收入{self.money(fiscal)}万元，{self.compared(fiscal, fiscal_before, prior)}；"
            f"事业收入{self.money(spent['business'])}万元；事业单位经营收入0万元；其他收入{self.money(spent['other'])}万元。",
            f"支出预算{self.money(total)}万元，其中：财政拨款支出预算{self.money(fiscal)}万元，{self.compared(fiscal, fiscal_before, prior)}。"
            f"财政拨款支出预算中，一般公共预算拨款支出预算{self.money(spent['general'])}万元，{self.compared(spent['general'], before['general'], prior)}；"
            f"政府性基金拨款支出预算{self.money(spent['gov-fund'])}万元，{self.compared(spent['gov-fund'], before['gov-fund'], prior)}；"
            f"国有资本经营预算拨款支出预算{self.money(spent['state-capital'])}万元，{self.compared(spent['state-capital'], before['state-capital'], prior)}。"
            + (f"财政拨款收入支出{'增加' if fiscal > fiscal_before else '减少'}的主要原因是：{self.reason(fiscal > fiscal_before)}。" if wan(fiscal) != wan(fiscal_before) else ""),
            "财政拨款支出主要内容如下：",
        )
        lines: dict[str, Decimal] = {}
        for (code, source), s in now.spend.items():
            if source in FUNDS:
                lines[code] = lines.get(code, ZERO) + s.total
        self.items([f"“{self.item_name(c)}”{self.money(v)}万元，主要用于{self.purpose(c)}。" for c, v in sorted(lines.items())])
        self.heading(f"五、{who}预算表")
        for table in budget_tables(a, now, y, self.scope, self.name, self.misprint):
            self.body.append({"type": "table", **table})
        self.heading("六、其他相关情况说明")
        self.heading(f"（一）{y}年“三公”经费预算情况说明", 3)
        tp, tb = now.three_public, last.three_public
        total_tp, total_tb = sum(tp.values(), ZERO) + self.misprint, sum(tb.values(), ZERO)
        vehicle = tp.get("vehicle-purchase", ZERO) + tp.get("vehicle-operation", ZERO)
        vehicle_before = tb.get("vehicle-purchase", ZERO) + tb.get("vehicle-operation", ZERO)
        self.text(
            f"{y}年“三公”经费预算数为{self.money(total_tp)}万元，{self.compared(total_tp, total_tb, prior)}。其中：",
            f"（一）因公出国（境）费{self.money(tp.get('overseas', ZERO))}万元，{self.compared(tp.get('overseas', ZERO), tb.get('overseas', ZERO), prior)}。",
            f"（二）公务用车购置及运行费{self.money(vehicle)}万元，{self.compared(vehicle, vehicle_before, prior)}。其中：公务用车购置费"
            f"{self.money(tp.get('vehicle-purchase', ZERO))}万元，公务用车运行费{self.money(tp.get('vehicle-operation', ZERO))}万元。",
            f"（三）公务接待费{self.money(tp.get('reception', ZERO))}万元，{self.compared(tp.get('reception', ZERO), tb.get('reception', ZERO), prior)}。",
        )
        self.heading("（二）机关运行经费预算", 3)
        if now.operating_costs:
            self.text(f"{y}年{self.name}财政拨款的机关运行经费预算为{self.money(now.operating_costs)}万元，"
                      f"{self.compared(now.operating_costs, last.operating_costs, prior)}。")
        else:
            self.text(f"{self.name}为事业单位，不安排机关运行经费预算。")
        self.heading("（三）政府采购预算情况", 3)
        p = now.procurement
        self.text(
            f"{y}年度{self.whom}政府采购预算{self.money(sum(p.values(), ZERO))}万元，其中：政府采购货物预算{self.money(p.get('goods', ZERO))}万元、"
            f"政府采购工程预算{self.money(p.get('works', ZERO))}万元、政府采购服务预算{self.money(p.get('services', ZERO))}万元。"
        )
        self.heading("（四）绩效目标设置情况", 3)
        projects = sum((s.project for (_, src), s in now.spend.items() if src == "general"), ZERO)
        self.text(f"{y}年度，{self.whom}编报绩效目标的项目共{now.performance_projects}个，涉及项目预算资金{self.money(projects)}万元。")
        names = self.rng.sample(a.kind["projects"], min(len(a.kind["projects"]), max(1, min(3, now.performance_projects))))
        self.body.append({
            "type": "goals",
            "title": "主要项目绩效目标",
            "items": [{"title": n, "goal": f"保障{n}按计划实施，{self.rng.choice(a.kind['actions'])}。"} for n in names],
        })
        self.heading("（五）国有资产占有使用情况", 3)
        self.assets(f"{y - 1}年8月31日", now)

    def assets(self, when: str, ledger: Ledger) -> None:
        cars = (1 + self.rng.randint(0, 3)) if ledger.three_public.get("vehicle-operation") else 0
        equipment = self.rng.choice([0, 0, 0, 1, 2])
        self.text(f"截至{when}，{self.name}共有车辆{cars}辆，其中：机要通信用车0辆、应急保障用车0辆、执法执勤用车{cars}辆、其他用车0辆；"
                  f"单价100万元（含）以上设备（不含车辆）{equipment}台（套）。")

    # ---- 决算

    def final_accounts(self) -> None:
        a, y, now, last, plan = self.a, self.year, self.now, self.last, self.plan
        who = "部门" if self.unit is None else "单位"
        self.heading(f"第一部分 {self.name}概况")
        self.heading("一、主要职能", 3)
        self.duties()
        self.heading(f"二、{who}决算单位构成", 3)
        if self.unit is None and not a.whole:
            self.text(f"纳入{a.name}{y}年度部门决算编制范围的单位包括：")
            self.items([u.name for u in a.units])
        else:
            self.text(f"{self.name}{y}年度{who}决算仅包括本级决算。")
        self.heading(f"第二部分 {self.name}{y}年度{who}决算表")
        for table in final_tables(a, now, plan, self.name, self.misprint):
            self.body.append({"type": "table", **table})
        self.heading(f"第三部分 {self.name}{y}年度{who}决算情况说明")
        income, income_before = now.income(), last.income()
        total_income = sum(income.values(), ZERO)
        grand = total_income + sum(now.start.values(), ZERO)
        grand_before = sum(income_before.values(), ZERO) + sum(last.start.values(), ZERO)
        prior = f"{y - 1}年度"
        self.heading("一、收入支出决算总体情况说明", 3)
        self.text(f"{self.name}{y}年度收入支出总计{self.money(grand)}万元。与{prior}相比，收入支出总计{self._change(grand, grand_before)}")
        self.heading("二、收入决算情况说明", 3)
        by_source = {s: sum((v for (_, src), v in income.items() if src == s), ZERO) for s in ("general", "gov-fund", "state-capital", "business", "other")}
        fiscal = sum((by_source[f] for f in FUNDS), ZERO)
        parts = [f"财政拨款收入{self.money(fiscal)}万元，占{self.share(fiscal, total_income)}%"]
        for source, label in (("business", "事业收入"), ("other", "其他收入")):
            if by_source[source]:
                parts.append(f"{label}{self.money(by_source[source])}万元，占{self.share(by_source[source], total_income)}%")
        self.text(f"本年收入合计{self.money(total_income)}万元，其中：{'；'.join(parts)}。")
        self.heading("三、支出决算情况说明", 3)
        basic = sum((s.basic for s in now.spend.values()), ZERO)
        project = sum((s.project for s in now.spend.values()), ZERO)
        spent = basic + project
        self.text(f"本年支出合计{self.money(spent)}万元，其中：基本支出{self.money(basic)}万元，占{self.share(basic, spent)}%；"
                  f"项目支出{self.money(project)}万元，占{self.share(project, spent)}%。")
        self.heading("四、财政拨款收入支出决算总体情况说明", 3)
        fiscal_total = fiscal + sum((v for (_, src), v in now.start.items() if src in FUNDS), ZERO)
        fiscal_before = sum((v for (_, src), v in income_before.items() if src in FUNDS), ZERO) + sum(
            (v for (_, src), v in last.start.items() if src in FUNDS), ZERO)
        self.text(f"{self.name}{y}年度财政拨款收入支出总计{self.money(fiscal_total)}万元。与{prior}相比，财政拨款收入支出总计"
                  f"{self._change(fiscal_total, fiscal_before)}")
        self.general_section(spent)
        self.heading("六、一般公共预算财政拨款基本支出决算情况说明", 3)
        e = now.economic
        personnel = sum((v for k, v in e.items() if k.startswith(("301", "303"))), ZERO)
        public = sum((v for k, v in e.items() if k.startswith(("302", "310"))), ZERO)
        names = lambda groups: "、".join(OV.ECONOMIC[k] for k in sorted(e) if k.startswith(groups) and e[k])  # noqa: E731
        self.text(f"一般公共预算财政拨款基本支出{self.money(personnel + public)}万元。其中：人员经费{self.money(personnel)}万元，主要包括："
                  f"{names(('301', '303'))}；公用经费{self.money(public)}万元，主要包括：{names(('302', '310'))}。")
        self.three_public_section()
        for number, fund, what in (("八", "gov-fund", "政府性基金"), ("九", "state-capital", "国有资本经营")):
            self.heading(f"{number}、{what}预算财政拨款收入支出决算情况说明", 3)
            got = sum((v for (_, src), v in income.items() if src == fund), ZERO)
            used = sum((s.total for (_, src), s in now.spend.items() if src == fund), ZERO)
            if not got and not used:
                self.text(f"{self.name}{y}年度无{what}预算财政拨款收入和支出。")
            else:
                left = sum((v for (_, src), v in now.end.items() if src == fund), ZERO)
                self.text(f"{self.name}{y}年度{what}预算财政拨款收入{self.money(got)}万元，支出{self.money(used)}万元，年末结转和结余{self.money(left)}万元。")
        self.heading("十、预算绩效管理情况", 3)
        projects = sum((s.project for (_, src), s in plan.spend.items() if src == "general"), ZERO)
        self.text(f"{self.name}{y}年度预算绩效管理工作开展情况如下：编报绩效目标的{y}年度项目{now.performance_projects}个，"
                  f"涉及预算金额{self.money(projects)}万元；绩效自评的{y}年度项目{now.performance_projects}个，涉及预算金额{self.money(projects)}万元。")
        self.heading("十一、其他重要事项的情况说明", 3)
        self.heading("（一）机关运行经费支出情况", 4)
        if now.operating_costs:
            self.text(f"{self.name}{y}年度机关运行经费支出{self.money(now.operating_costs)}万元，{self._change(now.operating_costs, last.operating_costs, prior)}")
        else:
            self.text(f"{self.name}为事业单位，无机关运行经费支出。")
        self.heading("（二）政府采购支出情况", 4)
        p = now.procurement
        self.text(f"{self.name}{y}年度政府采购金额（以合同签订为准）为{self.money(sum(p.values(), ZERO))}万元，其中：货物采购金额"
                  f"{self.money(p.get('goods', ZERO))}万元、工程采购金额{self.money(p.get('works', ZERO))}万元、服务采购金额{self.money(p.get('services', ZERO))}万元。")
        self.heading("（三）国有资产占有使用情况", 4)
        self.assets(f"{y}年12月31日", now)
        self.heading("第四部分 名词解释")
        self.glossary()

    def _change(self, now: Decimal, before: Decimal, what: str = "") -> str:
        """增加 A 万元，增长 B%。主要原因：…。 (or 持平。)"""
        a, b = wan(now), wan(before)
        lead = f"比{what}" if what else ""
        if a == b:
            return f"{'与' + what if what else ''}持平。"
        word, grow = ("增加", "增长") if a > b else ("减少", "下降")
        rate = f"，{grow}{(abs(a - b) / b * HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP):.2f}%" if b else ""
        return f"{lead}{word}{_plain(abs(a - b), self.a.separators)}万元{rate}。主要原因：{self.rng.choice(OV.REASONS_MORE if a > b else OV.REASONS_LESS)}。"

    def general_section(self, spent: Decimal) -> None:
        y, now, last, plan = self.year, self.now, self.last, self.plan
        general = {code: s for (code, src), s in now.spend.items() if src == "general" and s.total}
        budgeted = {code: s.total for (code, src), s in plan.spend.items() if src == "general"}
        g = sum((s.total for s in general.values()), ZERO)
        g_before = sum((s.total for (_, src), s in last.spend.items() if src == "general"), ZERO)
        g_plan = sum(budgeted.values(), ZERO)
        self.heading("五、一般公共预算财政拨款支出决算情况说明", 3)
        self.heading("（一）一般公共预算财政拨款支出决算总体情况", 4)
        self.text(f"一般公共预算财政拨款支出{self.money(g)}万元，占本年支出合计的{self.share(g, spent)}%。与{y - 1}年度相比，"
                  f"一般公共预算财政拨款支出{self._change(g, g_before)}")
        self.heading("（二）一般公共预算财政拨款支出决算结构情况", 4)
        classes: dict[str, Decimal] = {}
        for code, s in general.items():
            classes[code[:3]] = classes.get(code[:3], ZERO) + s.total
        self.text(f"一般公共预算财政拨款支出{self.money(g)}万元，主要用于以下方面："
                  + "；".join(f"{OV.CLASS_NAMES[c]}（类）{self.money(v)}万元，占{self.share(v, g)}%" for c, v in sorted(classes.items())) + "。")
        self.heading("（三）一般公共预算财政拨款支出决算具体情况", 4)
        ratio = f"{(wan(g) / wan(g_plan) * HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP):.2f}" if wan(g_plan) else "0.00"
        self.text(f"一般公共预算财政拨款支出年初预算为{self.money(g_plan)}万元，支出决算为{self.money(g)}万元，完成年初预算的{ratio}%。"
                  f"{self._versus(g, g_plan)}其中：")
        self.items([
            f"{self.item_name(code)}。主要用于：{self.purpose(code)}。年初预算为{self.money(budgeted.get(code, ZERO))}万元，支出决算为{self.money(s.total)}万元。"
            f"{self._versus(s.total, budgeted.get(code, ZERO))}"
            for code, s in sorted(general.items())
        ])

    def _versus(self, actual: Decimal, budget: Decimal) -> str:
        a, b = wan(actual), wan(budget)
        if a == b:
            return "决算数与预算数持平。"
        if a < b:
            return f"决算数小于预算数的主要原因：{self.rng.choice(OV.REASONS_LESS)}。"
        return f"决算数大于预算数的主要原因：{self.rng.choice(OV.REASONS_MORE)}。"

    def three_public_section(self) -> None:
        y, now, plan = self.year, self.now, self.plan
        self.heading("七、财政拨款“三公”经费支出决算情况说明", 3)
        tb, ta = plan.three_public, now.three_public

        def done(actual: Decimal, budget: Decimal) -> str:
            if not wan(budget):
                return "年初未安排预算"
            return f"完成预算的{(wan(actual) / wan(budget) * HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP):.2f}%"

        b_total, a_total = sum(tb.values(), ZERO) + self.misprint, sum(ta.values(), ZERO)
        b_vehicle = tb.get("vehicle-purchase", ZERO) + tb.get("vehicle-operation", ZERO)
        a_vehicle = ta.get("vehicle-purchase", ZERO) + ta.get("vehicle-operation", ZERO)
        self.text(
            f"“三公”经费财政拨款支出年初预算为{self.money(b_total)}万元，支出决算为{self.money(a_total)}万元，{done(a_total, b_total)}，其中："
            f"因公出国（境）费支出决算为{self.money(ta.get('overseas', ZERO))}万元，{done(ta.get('overseas', ZERO), tb.get('overseas', ZERO))}；"
            f"公务用车购置及运行费支出决算为{self.money(a_vehicle)}万元，{done(a_vehicle, b_vehicle)}；"
            f"公务接待费支出决算为{self.money(ta.get('reception', ZERO))}万元，{done(ta.get('reception', ZERO), tb.get('reception', ZERO))}。"
            f"{y}年度“三公”经费支出{self._versus(a_total, b_total)}"
        )


def _plain(value: Decimal, separators: bool) -> str:
    return f"{value:,.2f}" if separators else f"{value:.2f}"


def document(
    rng: random.Random, a: Agency, years: dict[int, YearLedgers], year: int, kind: str, unit: int | None, misprint: Decimal = ZERO
) -> dict[str, Any]:
    """One official document as plain data: the department's (``unit=None``) or one unit's 预算 or 决算 of ``year``."""
    return OfficialWriter(rng, a, years, year, kind, unit, misprint).build()


def file_name(year: int, kind: str, a: Agency, unit: int | None) -> str:
    """Where the document is kept in its department's folder: ``2025-budget.yml``, ``2025-budget-unit-benji.yml``."""
    return f"{year}-{kind}" + ("" if unit is None else f"-unit-{a.units[unit].slug}") + ".yml"
