"""The narrative against the tables: figures, rates, directions and years the text states must be the tables' and each other's."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Iterator

from .. import model as m
from ..problems import Problem
from ..roles import cell_type, column_specs, row_specs, table_name
from .base import DocumentCheck, table_key
from .narrative_check import Narrative
from .registry import ERROR, family, rule
from .rounding import UNIT_FACTORS, half_unit

NARRATIVE = family(
    "narrative",
    "正文与表格",
    """
部门预算、决算的情况说明用文字复述表格：总数、占比、增减、预决算对比和原因。pubgen 读正文中能读懂的句子，
把其中的金额、百分比和方向词与表格、与同一句或同一段的其他数字核对。只核对能确定对应到表格某一项目的数字
（按科目名称、科目编码、表格行名或常用说法指明）；读不懂的句子跳过，不猜测。正文以万元、表格以元为单位时，
换算后按正文的小数位四舍五入比较；四舍五入、截去尾数能解释的差额报告为提示（见“四舍五入”一节）。
数字后多印了一个单位的（“上年结转1837600元元，占16.15%”）照一个单位读。
""",
)

rule(
    NARRATIVE,
    "text-table-mismatch",
    ERROR,
    """
“据正文整理”（`from_text: true`）的表格中，有数字在它上方的正文里找不到：表格和正文必须写同一个数字。
上方的正文是表格所在一节、同一上级标题下它前面各节，以及上级标题下的引言（“一、预算安排”和“二、上年决算”两节的数都可以整理进二节后的表格）。
原文写“持平”“无增减”的，表格中这一项的增减写 0 即可。
例：`“比上年增减情况”据正文整理，但“项目支出”的“比上年增减” 0 在上文正文中找不到`
修改：让表格与正文一致；原文只用文字表述（如“持平”）时确认差异并写明原因。
""",
)

rule(
    NARRATIVE,
    "text-figure-mismatch",
    ERROR,
    """
正文写到某个表格项目的金额，与表格中这个项目的数字不符。项目由正文中的科目名称（“一般公共服务支出（类）商贸事务（款）行政运行（项）”
或“一般公共服务支出-商贸事务-行政运行”，项的名称后加“支出”的“初中教育支出”也是）、科目编码、表格的行名，或“本年收入合计”“财政拨款收入”“基本支出”“经营支出”“对附属单位补助支出”“人员经费”“三公经费”
“机关运行经费”等常用说法指明；比较的是本文档这一年度的栏目（预算为预算数，决算为决算数；正文写“年初预算为”时比较预算数栏）。
只有金额紧跟在项目名称后面（中间只有“年初预算为”“2025年预算安排”“科目”之类的词），或同一段已经说明是哪个项目时，才核对。
同一块正文中两个项目的数字正好是对方在表中的数字的（表中购置费 50、运行费 25，正文写运行费 50、购置费 25），消息说明两项可能写反了。
“其中”所列各项是它所分的总数的预算数或决算数：句中先后写了预算和决算两个总数时，各项加起来等于哪一个就是哪一个的
（“预算数A万元，决算数B万元，完成预算的80%，其中：……”）；加起来哪个都不等时，两种读法的数都算对。括号里的
（“因公出国（境）费40万元（实际支出33.1万元）”）是附带说明，不改变各项本身的读法；同一句第二个“其中”前的总数
（“……，决算支出B万元，其中：……”）不是前一串的末项。“公务用车运行费23.00万元减少到20.40万元”中“减少到”“降至”前的是原来的数，
不与本年的栏目比较，后面的才是。
正文写的“三公”数量（“国内公务接待12批次，168人次”“因公出国（境）团组3个”“公务用车保有量6辆”“购置2辆”）也与“三公”表的
团组数、人次数、保有量、购置数、接待批次栏比较；写着“上年”“比”“减少”等的数量不是本年的，不比较。
同一句中一个数量的组成部分也不比较：同类数量之后“其中”所列的（“团组3个，9人次，其中参加培训1个团组4人次”
“全年接待45批，310人，其中市外来访12批次，96人次”），和后面还有“合计”“共计”同类数量的（“本单位组团2个团组，
参加其他单位组团1个团组，合计团组3个”）；写明“国内”的接待数量就是“国内公务接待”栏的数，照常比较。
“参加其他单位组织的因公出国（境）团组数2个”是别的单位组的团，国（境）外公务接待的批次、人次不是“国内”栏的数，都不比较；
“因公出国（境）人次数3人”写明了人次，按人次数比较。
“本部门收入预算”“收支总预算”“收支预算总额”“财政拨款收支总预算”“一般公共预算“三公”经费”“财政拨款安排“三公”经费”“本部门安排机关运行经费”“政府采购预算”及其“货物类”“工程类”“服务类”（“货物类采购”“服务类采购预算”）也是这样的说法；“上年结转”是本年的收入来源，
与表格中的上年结转比较，不当作上年的数字（决算中的“上年结转和结余”就是“年初结转和结余”）。
讲收入的句子中的“一般公共预算拨款”（“收入预算777.03万元，其中：一般公共预算拨款744.03万元”）就是一般公共预算拨款收入；讲支出的句子中不比较。
讲财政拨款的句子（“财政拨款收入100万元，上年结转和结余5万元，收支总计105万元”）中不带“财政拨款”的“收支总计”“收入总计”
“支出总计”“本年收入合计”“本年支出合计”“年初（上年）结转和结余”“年末结转和结余”是财政拨款收入支出表的数；“财政拨款”只作为“其中”的一项出现，
或只在“财政拨款收入支出”一节的标题中时，两张表的数都说得通，两者不同就不核对；句中还列了其他收入的，是全部资金的数。
“财政拨款收入总计”“财政拨款支出总计”有的指财政拨款收入支出表的“总计”，有的指它的“本年收入合计”“本年支出合计”，两者都算对；
“财政拨款收入、支出总计”“财政拨款收、支总计”就是“财政拨款收支总计”。“一般公共预算财政拨款支出决算为”
“公务接待费支出预算为”中的“支出”属于项目名称；科目名称省去“支出”（“社会保障和就业（类）”“一般公共服务（类）支出”）也认得。
在讲一般公共预算财政拨款支出的一节（标题或“其中：”前的一段这样说，“一般公共预算当年拨款”“一般公共预算拨款支出”也是）中，科目的金额与一般公共预算财政拨款支出表比较，
而不是与含其他资金的收入支出总表比较（学校、医院的“教育支出”“卫生健康支出”两者不同）；
但标题下一句的“其中”所分的总数不是一般公共预算财政拨款支出表的合计时（“本单位全年支出1796.77万元，其中教育支出……”），
各项是全部资金的数，两张表的数都可能，两者不同就不核对。
“基本支出”“项目支出”在分全部支出的句子（“本年支出合计A万元，其中：基本支出……”）或“支出决算情况说明”“支出预算情况”一节中，
是支出决算（预算）表的数，而不是一般公共预算财政拨款支出表中同名的数（学校、医院两者不同）；句中或标题写了财政拨款、一般公共预算等资金的，照旧两种读法都算对。
绩效自评正文写的总得分（“部门整体支出绩效自评得分87.3分”“综合自评得分”“总得分”）和等级（“自评等级为“良””）也与文件开头的
`score`、`grade`（或唯一的评分表、绩效指标表的总分）比较；某一部分、某个项目、某项指标的得分和平均分不比较。
“据正文整理”（`from_text: true`）的表格也用来核对：正文两处写到同一项目、其中一处误录了（“部门支出预算为392.48万元”，
表格和另一句都是 329.48），在误录的那一句报告；表格自己抄错、数字在正文中找不到的，只在表格处报告 `text-table-mismatch`，
这两种表格与正文的数字必须完全相同，不按四舍五入放宽。
名称更长、只是以某一类的名称结尾的（表格只印到类时的“小学教育支出”），不是这一类，它的金额和“其中”所列的基本支出、项目支出都不核对。
项目名称前写着别的单位或地区（“社会福利院基本支出”“经济普查中心项目支出”“全区一般公共预算支出”，及同一串列举的后几项），
或写“涉及……支出”（某个项目的资金）时，这个金额不是本文档的数，不核对；本单位的名称（标题中年度前的部分、编制单位、
单位文档的单位名称，如“区民政局”）和“本局”“我委”照常核对。
例：`正文中“财政拨款收入支出总计”写作 0.3 万元，而“财政拨款收入支出决算总表”中收入栏“总计”的“决算数”是 2961.68 万元：正文应与表格一致，请照原文核对。`
修改：照原文核对正文和表格；原文确实如此时照录，并确认差异、写明原因。
""",
)

rule(
    NARRATIVE,
    "text-restated-mismatch",
    ERROR,
    """
正文两处写到同一个数，却写得不同（概况写“2024年收入预算总额1234.56万元”，收入预算一节又写“2024年部门收入预算1243.56万元”）。
表格印了这个项目的，每一处都与表格比较（`text-figure-mismatch`），这里不再比较；没有表格可比的，两处只能互相核对。
只比较读得准的常用说法：收入、支出的总计和合计，收入预算、支出预算，财政拨款收入、支出，一般公共预算拨款，基本支出、项目支出，
“三公”经费及其各项（因公出国（境）费、公务用车购置及运行维护费、购置费、运行维护费、公务接待费），机关运行经费。
两处必须是同一项目、同一口径、同一年度的同一种数才比较：预算数、调整后预算数、决算数（执行数）各不相同；本年与上年
（写明年份的上年数也可比较，只写“上年”“同期”的不比较；分句本身没写年份、而这一句（到上一个分号为止）前面写的是别的年份或“上年”的，
如“2022年收入总计7033.15万元，包括本年收入合计6925.14万元”，也不比较）；部门与本级（写“本级”的）、部门文档中写“单位”的；
全部资金、财政拨款、一般公共预算（基本支出、项目支出按这一句（到上一个分号为止）或标题所写的资金区分，读不出是哪种资金的、句中还列了事业收入等其他资金的不比较）；
“收入总计”与“本年收入合计”（后者不含上年结转）；总数与“其中”所列的一项。比较增减额、写着“下属单位”“所属”“二级”，
或讲政府性基金、国有资本经营预算，或“三公”经费含其他资金（结转、单位资金等）的，都不比较。
两处印的精度不同（1234.56 万元与 1234.6 万元，12345600 元与 1234.56 万元）时，按较粗的一处四舍五入（或截去尾数）后相同就算一致。
三处以上写到同一个数的，以多数为准，报告与多数不同的一处；只有两处时报告后一处，并写出前一处的行号和数字。
例：`正文两处写到同一个数，却不相同：第 12 行写““三公”经费” 21.2 万元，这里写““三公”经费” 22.2 万元。两处说的都是2017年决算数，应当是同一个数：请照原文核对哪一处误录。`
修改：照原文核对两处，改正误录的一处；原文确实两处不同时照录，并确认差异、写明原因。
""",
)

rule(
    NARRATIVE,
    "text-rate-mismatch",
    ERROR,
    """
正文中的增减率、增减额、占比或完成率，与写在它旁边的数字算出的结果不符：
增减率 =（本年数 − 上年数）÷ 上年数 × 100，只写了增减额时上年数 = 本年数 ∓ 增减额，句中没有写本年数的（““三公”经费财政拨款支出决算比2022年度增加2.00万元，增长12.50%”），本年数是表格中这一项目的数，只写了上年数和增减额时
（“比2024年预算5523.62万元增加218.22万元，增长3.95%”）增减率 = 增减额 ÷ 上年数 × 100；增减率写作“降幅”“增幅为”“增长率为”，
写在括号里（“减少1.00万元（下降9.09%）”，括号里只有百分数的“较上年减少1.5万元(42.86%)”也是这一增减额的增减率）或写在增减额前面（“下降9.09%，减少1.00万元”）的，也照样核对；“收、支总计各增加……”的本年数是前文的
“收入、支出总计”（收支平衡的总预算写“收入总预算”也算），“收支较上年决算数增加……”“收支总计较上年增加……”“收入支出总体与上年相比，增加……”也是（前文可在上一段）；
增减额前写“按同口径”的照样核对；“与上年相比，收入总计减少A万元，下降a%；支出总计减少B万元，下降b%”分号后的一项也是与上年比较，本年数是前文的“支出总计”；“收、支总计各是A、B万元。……收、支总计各减少a、b万元，各下降x%、y%”按先收后支逐一核对；占比 = 部分 ÷ 总数 × 100，
总数是句中“其中”“主要用于以下方面”前面的数，或“占……的”“占支出总预算”所写的项目（“支出总预算”“总支出预算”即前文的“支出预算”，
“总支出”“支出总额”即“支出合计”；句号后以“其中”开头的，总数是上一句末尾的数，但收入的一项不是支出的占比，反之亦然；
总数后面紧接着与上年比较的（“支出预算842.79万元，比上年增加62.15万元，增长7.96%。其中，基本支出……”
“收入总计A元，与上年相比增加B元，其中：……占x%”）也是这个总数，不是增减额；
“占总支出”“占支出总额”“占支出合计的”“占总预算”所说的总数前文没有这样写出时，就是“其中”前面的数）；“占“三公”经费财政拨款支出决算的”中项目名称后的“决算”“预算”只说是哪一栏；只写了项目、没写金额的（““三公”经费财政拨款支出决算中，因公出国（境）费支出决算占17.78%”），部分和总数都是表格中的数；
总数的句子以本单位的名称开头的（“深圳市罗湖区清水河街道办事处2024年度“三公”经费财政拨款支出决算为34.08万元”），不论文档有没有表格，都是本单位的总数，照样核对；
占比写在与上年的比较之后的（“140.00万元，比上年减少10.00万元，降低6.67%，占基本支出的12.28%”）也照样核对；
同一数字先与上年、再与预算比较的（“71.20万元，比2022年度增加7.12万元，增长11.11%，比年初预算减少15.30万元，下降17.69%”），后一处也照样核对；增减额与本年数之间隔着占比或完成率（“400元，占20%，同比增加80元”“62.07万元，完成预算的73.2%，比上年增加38.97万元”）也照样核对；
完成率 = 决算数 ÷ 预算数 × 100，预算数是句中写的（“完成预算43.2万元的52.3%”），只写“完成预算的73.2%”时是表格中同一项目的预算数。“决算数为年初预算的112.56%”也是完成率。
按各数字的印刷精度，四舍五入或截去尾数能解释的差额报告为提示；各项占比为凑足 100% 调整了末位的，也是提示。
例：`正文“占71.73%”与所列数字不符：2106.66 ÷ 2940.05 × 100 = 71.65。`
修改：按正文所列的数字重新计算；原文确实如此时照录，并确认差异。
""",
)

rule(
    NARRATIVE,
    "text-parts-mismatch",
    ERROR,
    """
正文写的政府采购总数，与同一句“其中”所列货物、工程、服务三类之和不符（三类合起来就是全部政府采购）；“三公”经费总数与所列三项之和不符。
“其中”前没有数字的（“按政府采购项目类型，分为……三种类型。其中：货物类采购……”），三类是同一节前文所写的政府采购总数的；
三类之和等于总数之后所写的另一个采购数字（“政府集中采购预算”）时，算作那个数字的，不报告。
没有“三公”经费表、只用文字公开的，“三公”经费总数与同一句（或紧接着以“其中”开头的下一句，各项也可以一句一项接着写）所列因公出国（境）费、公务接待费、
公务用车购置及运行费（或公务用车购置费和运行费）之和也这样核对；所列还有别的项目的不核对。有“三公”经费表的，由表格各项之和与正文对表核对。
没有基本支出表（按人员经费、公用经费列示）的，正文的基本支出与“其中”所列人员经费、公用经费之和也这样核对（公用经费可在下一段开头），
所列是增减额的（“人员经费增加30万元”）不核对。
没有支出表的，正文的支出与“其中”所列基本支出、项目支出（及上缴上级支出、经营支出、对附属单位补助支出）之和也这样核对；只列基本支出和项目支出的，只在其和大于总数时报告。
没有收入表的，正文的收入（本年收入合计、收入预算等）与“其中”或“包括”所列各项来源（财政拨款收入或一般公共预算、政府性基金、国有资本经营预算，上级补助收入、事业收入、经营收入、
附属单位上缴收入、其他收入，上年结转）之和也这样核对，所列可以一项一段接着写（“其中：”后以“1、”“2、”开头的各段）。来源可能有没列出的，所以一般只在其和大于总数时报告；
所列各项中有印作 0 的（逐项列全了），且总数说明了是否含上年结转（“本年收入合计”而所列没有上年结转，或所列有上年结转），和小于总数也报告。
没有财政拨款收支总表的，财政拨款收入与所列一般公共预算、政府性基金预算、国有资本经营预算三项之和核对；收入总计与本年收入合计、使用非财政拨款结余、年初结转和结余之和，
支出总计与本年支出合计、结余分配、年末结转和结余之和也这样核对（没有列全的，只在其和大于总数时报告）。
总数写明是以前年度的（预算中“2021年度“三公”经费合计支出……，其中：……”），与同一年度的各项照样核对。四舍五入能解释的差额报告为提示。
例：`正文的总数 251.25 万元与“其中”所列货物、工程、服务之和不符：4.79 + 0 + 256.47 = 261.26 万元。`
修改：照原文核对总数和各类金额；原文确实如此时照录，并确认差异。
""",
)

rule(
    NARRATIVE,
    "text-direction-mismatch",
    ERROR,
    """
正文的方向词与数字相反：写“增加”“增长”的其实减少了，写“持平”的其实有增减，写“决算数小于预算数”的其实大于，
同一句中增减额说“增加”、增减率却说“下降”，或原因写成了相反的方向（“比上年减少2.98%。主要原因是：……经费增加”）。
“三公”经费、机关运行经费的原因只写了其中一项（“主要原因是：公务接待费增加”“日常公用经费增加”）而方向相反的，也报告；原因接着写了同方向的另一项时不报告。
只给了本年数、增减额和增减率时，增减率只与相反方向相符（“97.76万元，比上年增加8.79万元，增长8.25%”：8.79 ÷ 106.55），
也报告为方向词错误，而不是增减率错误——照增减率改就把错的方向词留下了；增减率是整数的（“下降6%”）凑巧也能与相反方向相符，仍报告为增减率错误。
财务的说法“增支”“多支出”“超支”“减支”“少支出”“节约”“节省”“压缩”“缩减”“回落”，和紧接数字的“多”“少”（“比上年少2.00万元”），
与“增加”“减少”一样，后面的数字是增减额，不是上年数。
数字取自同一句或同一段；“决算数小于预算数”前写明了项目的（“2023年度“三公”经费支出决算数小于预算数”），比较这个项目的数，
而不是前一句末尾所写分项的数；句中只说“决算数小于预算数”时，取表格中同一项目的预算数和决算数。表格中没有预算数时，同一句的完成率也说明方向（“完成年初预算的88.50%，决算数大于年初预算数”是相反的），印作100%的不判断。写了差额的（“完成年初预算100%，决算数大于预算数55.93万元”），预算数 = 决算数 ∓ 差额，完成率照此核对。“基本持平”允许相差不超过 5%。
例：`正文说“增加”，但2024年的 25.77 万元比2023年的 60.13 万元少 34.36 万元。请改正方向词或数字。`
修改：改正方向词或数字；原文确实如此时照录，并确认差异。
""",
)

rule(
    NARRATIVE,
    "text-wrong-year",
    ERROR,
    """
正文在比较时把本文档自己的年度（或更晚的年度）当成了比较基数，如 2026 年预算中写“比2026年预算增加”、2024 年决算中写“与2024年度相比”：
应是上一年度。决算和自评中“比2024年年初预算”这样与本年预算比较的写法不算。括号里写明的上年（“比上年（2024年）减少”）同样核对。
例：`正文写“比2026年”，而本文档是2026年的部门预算：比较的基数应是上一年度（2025年）。请核对年份。`
修改：改正年份；原文确实如此时照录，并确认差异。
""",
)

rule(
    NARRATIVE,
    "template-residue",
    ERROR,
    """
正文、标题或表注中还留着模板的占位文字：`XX`、`××`、`X.XX`，数量词前单独一个 `X` 或 `×`（“X台（套）”“×辆”“X人次”），
“待填写”，“增加（减少）”“增长（下降）”“增（减）”“增加（或减少）”这样的二选一，“（如持平作持平表述）”“（请说明增减原因）”“（100字以内）”这样写给填表人的提示，
或“主要原因是。”“主要变动原因是。”“原因是……”“主要原因：”后面什么也没有，以及没有填数字的占比、增减（“占 %”“占基本支出预算%”“比上年减少 万元”“同比增加 元”）。
X 光机、iPhone X、“人数×人均定额”这样的字样，“（请见附件）”这样写给读者的话，以及“主要原因如下：”后面接着列出原因的，不算。
例：`正文中还有模板的占位文字“XX”“增加（减少）”：录入时留下的，请照原文填写或删去；原文确实印着这些文字的，照录并确认差异。`（同一行的几处合为一条。）
修改：录入时留下的，照原文填写或删去；原文确实印着这些文字时照录，并确认差异（公开的页面会在旁边注明原文如此）。
""",
)


_NO_CHANGE = re.compile(r"持平|无增减|无变化|未发生变化|没有变化")
_NUMBER_IN_TEXT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)(?!\.\d)")


def check_text_tables(dc: DocumentCheck) -> Iterator[Problem]:
    """A table compiled from the text states exactly the figures the text above it prints.

    The text above is that of the table's section, of the sections before it under the same
    heading and of that heading's own words (“一、预算安排” and “二、上年决算” both feed a table
    under 二); each text is read once, however many tables compiled from it follow.
    """
    sections: list[tuple[int, set[Decimal], set[Decimal]]] = [(1, set(), set())]
    """The sections so far, by heading level (1: before the first heading), with the figures each prints, and the
    amounts it prints with a money unit, in 元 (a table in 万元 compiled from “2197000元” prints 219.7)."""

    def printed(*texts: str | None) -> None:
        numbers, amounts = sections[-1][1], sections[-1][2]
        for text in texts:
            # Sizes as the text prints them: "减少0.2" states the figure a table gives as -0.2.
            numbers.update(Decimal(n.replace(",", "")) for n in _NUMBER_IN_TEXT.findall(text or ""))
            amounts.update(Decimal(n.replace(",", "")) * UNIT_FACTORS[unit] for n, unit in _AMOUNT_IN_TEXT.findall(text or ""))
            if text and _NO_CHANGE.search(text):
                numbers.add(Decimal(0))  # “较上年持平”: a change of 0, printed in words

    def above() -> list[tuple[int, set[Decimal], set[Decimal]]]:
        level = sections[-1][0]
        found = []
        for section in reversed(sections):
            found.append(section)
            if section[0] < level:
                break  # the parent heading's own words, and no further
        return found

    for bi, block in enumerate(dc.doc.body):
        if isinstance(block, m.Heading):
            sections.append((block.level, set(), set()))
        elif isinstance(block, m.Text):
            printed(block.text)
        elif isinstance(block, m.ListBlock):
            printed(block.title, *block.items)
        elif isinstance(block, m.Goals):
            printed(*(part for g in block.items for part in (g.title, g.goal, g.indicators, g.result)))
        elif isinstance(block, m.Table) and block.from_text:
            texts = above()
            cols = column_specs(block)
            key = table_key(block, bi)
            factor = UNIT_FACTORS.get(dc.unit(block))
            for ri, row in enumerate(row_specs(block)):
                for ci, cell in enumerate(block.cells[ri] if ri < len(block.cells) else []):
                    if cell.state != "number" or cell.value is None or any(abs(cell.value) in t[1] for t in texts):
                        continue
                    if factor is not None and cell_type(row, cols[ci])[0] == "money" and _printed_in_another_unit(abs(cell.value), cell.text, factor, texts):
                        continue
                    yield dc.problem(
                        "text-table-mismatch",
                        f"“{table_name(block)}”据正文整理，但“{row.label}”的“{cols[ci].label}” {cell.text} 在上文正文中找不到："
                        "表格与正文应写同一个数字。",
                        ("body", bi, "rows", ri, "values", ci),
                        f"{key}.{row.key}.{cols[ci].id}",
                        stated=cell.value,
                    )


_AMOUNT_IN_TEXT = re.compile(r"(?<![\d.,])((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(亿元|百万元|万元|千元|元)")


def _printed_in_another_unit(value: Decimal, text: str | None, factor: Decimal, texts: list[tuple[int, set[Decimal], set[Decimal]]]) -> bool:
    """Does the text print ``value`` (as ``text``, in a unit of ``factor`` 元) as an amount in another unit, the same
    within the table's rounding?"""
    in_yuan, half = value * factor, half_unit(text) * factor
    return any(abs(amount - in_yuan) <= half for t in texts for amount in t[2])


def check_narrative(dc: DocumentCheck) -> Iterator[Problem]:
    """Figures, rates, directions, years and classification names of the narrative, against the tables and each other."""
    found = list(Narrative(dc).run())
    yield from _swaps_named(found) if sum(p.code == "text-figure-mismatch" for p in found) >= 2 else found


_NAMED_IN_TEXT = re.compile(r"正文中“([^”]+)”写作")


def _same(a: str | None, b: str | None) -> bool:
    try:
        return a is not None and b is not None and Decimal(a) == Decimal(b)
    except ArithmeticError:
        return False


def _swaps_named(found: list[Problem]) -> Iterator[Problem]:
    """Two figures of one text that are each other's cells (寿县: 运行费 50, 购置费 25 where the table has 25 and 50):
    each message says so, which one wrong digit would not explain."""
    figures = [p for p in found if p.code == "text-figure-mismatch" and p.stated is not None and p.computed is not None and p.stated != p.computed]
    for problem in found:
        other = next(
            (
                o
                for o in figures
                if o is not problem and o.field == problem.field and _same(o.stated, problem.computed) and _same(o.computed, problem.stated)
            ),
            None,
        ) if problem in figures else None
        named = _NAMED_IN_TEXT.match(other.message) if other is not None else None
        if other is None or named is None:
            yield problem
            continue
        yield replace(
            problem,
            message=problem.message + f"正文中另一处“{named[1]}”写作 {other.stated}、表中是 {other.computed}：两项的数字正好对调，可能是写反了。",
        )
