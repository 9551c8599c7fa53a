"""Rules applied while reading a file: YAML syntax, encodings, fields and types (reported by pubgen.load and pubgen.source)."""

from __future__ import annotations

from .registry import ERROR, WARNING, family, rule  # noqa: F401


FILES = family("files", "文件与 YAML")

rule(
    FILES,
    "yaml-syntax",
    ERROR,
    """
YAML 写法有误。例：`第 5 行第 13 列 错误 [yaml-syntax] YAML 语法错误：冒号用法不对……`
修改：按提示检查该行的冒号、引号、缩进；含冒号的文字两边加引号。
文字以 YAML 的特殊符号 ! & * @ ` 开头的（如 `title: !安远县…`、`*注：…`），消息写出加了引号的整段文字，照着改即可。
每天常见的几种，消息指出是哪一行、照着改成什么样：冒号后面少了空格（`title:安远县2025年部门预算`，写成 `title: 安远县2025年部门预算`）；
冒号是全角的（`title：…`）；`text: |` 下面有一段文字贴着行首（或缩进少了），消息指出从哪一行起断了缩进、共几行、应缩进几个空格；
文字以半角 `[` 或 `{` 开头（`note: [附件1] 见下表`），消息写出加了引号的写法 `note: "[附件1] 见下表"`（中文的【】不受影响）；
列表项开头的“- ”打成了全角的“－”、破折号“—”或从 Word 复制来的项目符号“•”，或“-”后面少了空格（`-type: heading`），
消息指在这一行（不是 YAML 读不下去的下一行），写出 `- type: heading`。
这几种错误意思明确，读取程序在报错之后照改正后的样子接着往下读，一次列出同一文件里的全部这类错误（以及其后的第一个其他写法错误），
不必改一处运行一次；文件仍然算作有错，不会发布，其中的数字要等改正后再核对。
读取程序的任何英文报错都换成中文说明，不会原样显示。
""",
)
rule(
    FILES,
    "file-extension",
    WARNING,
    """
内容文件的扩展名不是小写的 `.yml`（或 `.yaml`）：如 `2031-Budget.YML`，或记事本另存成的 `2030-budget.yml.txt`。
文档文件（名字以年度开头，如 `2021-budget`）存成了 `2021-budget.txt`（记事本的“文本文档”）、没有扩展名、
文件名末尾多了空格、扩展名前的点打成了全角的“．”，或是编辑器留下的 `2021-budget.yml~` 的，也是这样。
文件照常读取和发布（以前会被悄悄略过，文档的网页就从网站上消失了）；有的工具和网站会把它当成别的文件。
文档旁边的原文（`2021-budget.pdf`）、图片和其他不以年度开头的文件不当作文档读取。
例：`文件扩展名是“.yml.txt”：请改为小写的 .yml……`
例：`文档文件的扩展名是“.txt”：请改名为以小写的 .yml 结尾（如 2021-budget.yml；记事本另存时选“所有文件”）……`
修改：把文件改名为小写的 `.yml`。
""",
)
rule(
    FILES,
    "text-comment",
    WARNING,
    """
没加引号的文字中有“空格 + #”：YAML 从 # 起把这一行余下的部分当作注释，不会发布，文字被悄悄截断。
常见于照原文录入的楼号、编号，如 `- 完成 1#、2# 接访楼维修，共计 #3 项；……`，发布出来只剩“完成 1#、2# 接访楼维修，共计”。
例：`这一行从“#3 项；……”起的文字被当作注释，不会发布（YAML 里空格后的 # 开始注释）。`
修改：给整段文字加引号（`- "完成 1#、2# 接访楼维修，共计 #3 项；……"`），或去掉 # 前的空格；成段的文字写在 `text: |` 下面则不受影响。
""",
)
rule(
    FILES,
    "file-name-collision",
    ERROR,
    """
两个内容文件（或文件夹）的名字只差大小写或全角半角等写法，如 `2025-budget.yml` 和 `2025-Budget.yml`：
Windows 和 macOS 把它们当成同一个文件，在那里取出内容仓库时只留下一个，编辑者可能在不知情时丢掉一份已发布的文档，
或误把删除提交上去。例：`与 content/documents/…/2025-budget.yml 只差大小写或写法……`
修改：把其中一个改名（文件名照习惯用小写），或删去重复的一个。
""",
)
rule(
    FILES,
    "encoding",
    ERROR,
    """
文件不是 UTF-8 编码（常见为 GBK，或 UTF-16）。例：`文件不是 UTF-8 编码（看起来是 GBK/GB18030 编码）`
修改：在编辑器中“另存为 UTF-8”。带 BOM 的 UTF-8 可以正常读取。
文件是 UTF-8、只有几行是 GBK（从别的文件复制粘贴来的）时，逐行指出这几行，并写出按 GBK 读出的文字。
例：`第 15 行第 7 列 错误 [encoding] 文件是 UTF-8 编码，只有这一行是 GBK 编码……`
修改：不要整个文件另存（编辑器按 UTF-8 打开时这几行显示为乱码，另存就把乱码存进了文件）：删掉这几行，照原文重新输入或重新粘贴。
""",
)
rule(
    FILES,
    "empty-file",
    ERROR,
    """
文件为空或只有注释。修改：填写内容，或删除该文件。
""",
)
rule(
    FILES,
    "file-too-large",
    ERROR,
    """
文件超过 5 MB，多半是放错了文件。修改：删除或移出 `content/`。
""",
)
rule(
    FILES,
    "unreadable-file",
    ERROR,
    """
无法读取文件（权限等）。修改：检查文件权限。
""",
)
rule(
    FILES,
    "control-character",
    ERROR,
    """
文字中含有不可见的控制字符（多半是从其他软件复制时带来的，或写成了 `"\\x01"` 这样的转义）。修改：删除该字符。
""",
)
rule(
    FILES,
    "duplicate-key",
    ERROR,
    """
同一层级里同一个字段写了两次，YAML 只会保留最后一个。例：`字段“title”重复出现（第一次在第 3 行）`
修改：删除或合并重复的字段。
""",
)
rule(
    FILES,
    "yaml-alias",
    ERROR,
    """
使用了 YAML 锚点和别名（`&`、`*`），这会让一处修改悄悄影响多处，也可被用来制造“别名炸弹”。
修改：把内容直接写出来。
""",
)
rule(
    FILES,
    "yaml-tag",
    ERROR,
    """
使用了 YAML 标签（`!!binary`、`!include`、`!!python/…` 等）。pubgen 不按标签转换或引入任何内容，后面的文字会原样公开
（`!!binary` 后的一串编码、`!include` 后的文件路径），与作者的本意不同。例：`不支持 YAML 标签（这里是“!!binary”）……`
修改：删去标签，把内容直接写出来。
""",
)
rule(
    FILES,
    "too-deep",
    ERROR,
    """
嵌套超过 40 层。修改：检查缩进或括号。
""",
)
rule(
    FILES,
    "multiple-documents",
    ERROR,
    """
一个文件里有多个 `---` 分隔的文档。修改：拆成多个文件。
""",
)
rule(
    FILES,
    "not-a-mapping",
    ERROR,
    """
文件最外层不是“字段: 值”。修改：参照 docs/content-format.md 的示例。
""",
)
rule(
    FILES,
    "missing-file",
    ERROR,
    """
缺少 `site.yml` 或 `regions.yml`。修改：补上该文件。
""",
)
rule(
    FILES,
    "missing-content",
    ERROR,
    """
找不到 `content/` 目录。修改：在项目目录下运行，或用 `--project` 指定。
""",
)

FIELDS = family("fields", "字段与类型")

rule(
    FIELDS,
    "unknown-field",
    ERROR,
    """
未知字段，并提示最接近的正确写法。例：`未知字段“titel”。您是否想写“title”？`
在文档开头（或部门文件里）写 `glossary:` 的，消息说明名词解释写在 body 的 `type: glossary` 块里，或全站的 content/glossary.yml。
字段名前后带着看不见的全角空格或不换行空格的（`title　: …`），消息指出是哪种空格，请删掉它。
修改：改成提示的字段名，或删除。
""",
)
rule(
    FIELDS,
    "missing-field",
    ERROR,
    """
缺少必填字段。例：`缺少必填字段“年度（year）”。` 修改：补上该字段。
""",
)
rule(
    FIELDS,
    "wrong-type",
    ERROR,
    """
值的类型不对（如应为列表却写了文字）。名词解释的一条写成一段文字（`- 高标准农田：指……`）的，消息给出 `term:` 和 `definition:` 的写法。
应是文字、却整段写在半角方括号或花括号里的（`text: [二、机构设置]`，YAML 读成了列表），消息写出加了引号的写法。修改：按提示改写。
""",
)
rule(
    FIELDS,
    "invalid-value",
    ERROR,
    """
值不在可选范围内。例：`“单位性质（nature）”的值“行政单位”无效，可选值：行政, 事业, 参公, 其他。`
可选值有中文名称的，消息逐一写出，写的是中文名称的，指出它对应的值：`“栏目类型（type）”的值“数量”无效。您是否想写“count”（数量）？可选值：money 金额、number 数值、count 数量……`
修改：从可选值中选一个。
""",
)
rule(
    FIELDS,
    "unknown-kind",
    ERROR,
    """
文档类别不是 budget、final-accounts、self-evaluation、project-evaluation 之一。写成中文的，消息指出对应的值：
`“文档类别（kind）”的值“预算”无效。您是否想写“budget”（部门预算公开）？可选值：budget 部门预算公开、final-accounts 部门决算公开……`
（预算、部门预算 → budget，决算 → final-accounts，绩效自评、整体支出绩效自评 → self-evaluation，项目支出绩效自评 → project-evaluation）。
修改：改为其中之一。
""",
)
rule(
    FIELDS,
    "unknown-block",
    ERROR,
    """
正文中的块缺少 `type` 或类型未知。修改：写明 `type`（heading、text、list、table、indicators、scores、goals、people、signature、glossary）。
""",
)
rule(
    FIELDS,
    "figure-to-fill",
    ERROR,
    """
`pubgen new` 生成的文档中还有写着“待填”的数字。例：`“收入合计”的“决算数”还没有填写（“待填”），请照原文填写。`
修改：照原文填写数字；原文确实没有这个数字时，填 `~`（未填）或 `——`（不适用）。
""",
    acknowledgeable=False,
)
rule(
    FIELDS,
    "unit-to-fill",
    ERROR,
    """
表格或文档的金额单位还写着“待填”：`pubgen import` 在原表哪里都没有印出金额单位（计量单位、货币单位、表头、表下注释都没有，
本文档其他表也没有可借用的单位）时这样写，不按站点的默认单位录入。
例：`“2025年部门支出总表”的“金额单位（unit）”还是“待填”：请照原表写上金额单位（元、千元、万元、百万元、亿元）。……`
写明之前，文档照常读入，表内的合计、核对关系以及其他表、正文的核对照常进行；只有这张表（文档写“待填”时，没有写自己单位的各表）的数字
不与正文、其他表和其他文档比较，也不进入关键数字，文档不能发布。修改：照原表写上金额单位，如 `unit: 元`。
""",
    acknowledgeable=False,
)
rule(
    FIELDS,
    "not-a-number",
    ERROR,
    """
应填数字的地方写了别的内容。例：`这里应填数字，现在是“约12万”。` 修改：只填数字。
""",
)
rule(
    FIELDS,
    "fullwidth-digits",
    ERROR,
    """
使用了全角数字（如 ２０２１、１２．５）。例：`“２０２１”使用了全角数字或符号，请改用半角，写成“2021”。`
修改：改为半角数字。
""",
)
rule(
    FIELDS,
    "thousands-separator",
    ERROR,
    """
数字中有千位分隔符（如 1,391.03）。例：`“支出预算表”中“合计”的“合计”：“1,320.00”含有千位分隔符，请去掉逗号，写成“1320.00”。`
（表格里一格的问题都先写表名，同名的行和栏目在一份文档的几张表里常见。）修改：去掉逗号，写成 1391.03。
""",
)
rule(
    FIELDS,
    "percent-string",
    ERROR,
    """
在应填数字处写了百分号（如 95%）。修改：百分比栏只写 95，百分号由栏目单位表示。金额栏或人数栏里的百分号（“2000.00%”）
多半来自设成百分比格式的 Excel 单元格（存的是 20，显示为 2000.00%）：照原文填写这个数字，不带百分号。
""",
)
rule(
    FIELDS,
    "negative-amount",
    ERROR,
    """
金额、人数、分值等不应为负数。增减栏可为负：栏目设 `signed: true` 或代号为 change 的，名称写着增减、增长、增幅、降幅、变动、差额、比上年、同比等的栏目，以及这样命名的行（“三公”表中“2025年预算数”“2024年预算数”下的“增减额”）。修改：核对数字。
""",
)
rule(
    FIELDS,
    "invalid-year",
    ERROR,
    """
年度不是 1949–2100 之间的四位整数。修改：改为正确年度。
""",
)
rule(
    FIELDS,
    "invalid-date",
    ERROR,
    """
日期格式不对或日期不存在（如 2022-02-30、2022年3月25日）。修改：写成“年-月-日”，如 2022-03-25。
""",
)
rule(
    FIELDS,
    "cell-count",
    ERROR,
    """
某行的数值个数与栏目数不同。修改：按栏目顺序逐个填写；不适用填 `——`，未填写 `~`。
表格一个栏目也没有写的，只报一次 `table-without-columns`，不再逐行报告。
""",
)
rule(
    FIELDS,
    "invalid-code",
    ERROR,
    """
科目编码写法不对。支出功能分类科目编码为 3 位（类，如 `201`）、5 位（款，如 `20106`）或 7 位（项，如 `2010601`）数字，
经济分类科目编码为 3 位或 5 位数字（如 `302`、`30217`）。原表分三栏印的编码写在一起或用空格隔开（`201 06 01`）。
修改：照原表写编码。
""",
)

rule(
    FIELDS,
    "code-in-label",
    WARNING,
    """
带科目编码的表里，有一行没写 `code`，编码却写在了名称里（从工作簿复制的“2010507 专项普查活动”“[2010507]专项普查活动”一格）。
这张表按编码排上下级，写在名称里的编码不起作用：这一行被当成最上一级的类，合计与下级各项之和因此对不上。
例：`“2010507 专项普查活动”开头的“2010507”是科目编码……这一行被当成了最上一级，合计会因此对不上。请把编码移到 code，写成 {code: "2010507", label: 专项普查活动, …}。`
修改：照提示把编码写进 `code`，名称里只留名称。
""",
)

rule(
    FIELDS,
    "unknown-role",
    ERROR,
    """
表格类型（`role`）不是 pubgen 认识的类型，并提示最接近的写法。例：`没有“final-incom”这种表格类型。您是否想写“final-income”？`
修改：改成 docs/content-format.md“常用表和法定公开表”中列出的类型；原表是一张独有的表时不写 `role`。
""",
)

rule(
    FIELDS,
    "invisible-character",
    ERROR,
    """
文字中含有看不见的字符。每个文件的每一栏文字（标题、小标题、表名、栏目和行的名称、部门和地区名称、名词、正文、站点设置等）都会检查，
说明中写出这一栏的名称、是第几个字符、字符的编号（如 U+202E）和名称；写成 `"\\u202E"` 这样的转义，或正文中写成
`&#x202E;`、`&rlm;` 这样的字符代码（网页会把它还原成这个字符），也能找到。
例：`第 6 行第 21 列 错误 [invisible-character] “标题（原文）”的第 14 个字符是看不见的文字方向控制符（U+202E RIGHT-TO-LEFT OVERRIDE）……`

- **文字方向控制符**（U+202A–U+202E、U+2066–U+2069，以及方向标记 U+200E、U+200F、U+061C）：**错误**。它会改变前后文字显示的顺序，
  读者在网页上看到的与实际写入、被搜索和被下载的文字不一致，名称或数字可能倒过来显示（“231.56、&rlm;97.92”会显示成两个数字对调），
  足以误导读者，所以不能发布。
- **非字符**（U+FFFE、U+FFFF 等）：**错误**。它不是文字，网页和订阅源（Atom，XML）都不能包含它，发布时只能删去，
  公开的文字就与原文不同了。
- **零宽字符**（U+200B–U+200D、U+2060、文字中间的 U+FEFF）：**警告**。
  页面上看不出任何变化，不会让读者看错，但会使搜索、复制和比对出错；它们多半是从网页或聊天软件复制时无意带来的，
  所以提醒删除，不阻止发布。

修改：在编辑器中删除该字符（很多编辑器可以“显示不可见字符”；也可以删掉这几个字后重新输入）。
""",
    acknowledgeable=False,
)

rule(
    FIELDS,
    "garbled-text",
    ERROR,
    """
文字中有乱码替换符“�”（U+FFFD）。印出来的公开文件里没有这个符号：它是乱码留下的，原来的文字已经丢了——
从编码不同（如 GBK）的文件里粘贴来的一行，在编辑器里按 UTF-8 打开再保存；或 PDF 中缺少字体映射的字（`pubgen import`
会在报告里列出这样的页）。与 `invisible-character` 一样检查每一栏文字，写成 `"\\uFFFD"` 或 `&#xFFFD;` 的也能找到；
说明中写出这一栏的名称和是第几个字符。
例：`第 15 行第 7 列 错误 [garbled-text] “正文”的第 1 个字符是乱码替换符“�”（U+FFFD REPLACEMENT CHARACTER）（这一栏共有 9 个）……`

修改：对照原文把这段文字重新输入（不要再从原来的文件粘贴）。
""",
    acknowledgeable=False,
)

rule(
    FILES,
    "link-outside-content",
    ERROR,
    """
`content/` 里的一个文件或文件夹是符号链接，指向 `content/` 以外（如 `/etc/passwd`、`../../别的项目/文件.yml`）。
pubgen 不会打开它：内容只来自 `content/` 本身。例：`content/documents/x.yml 是一个符号链接，指向 content/ 以外的“/tmp/a.yml”……`
修改：把要发布的文件本身放进 `content/`，删除这个链接。
""",
)

rule(
    FILES,
    "symbolic-link",
    ERROR,
    """
`content/` 里的一个文件或文件夹是符号链接，指向 `content/` 里的另一处（或绕成了环）。链接一律不跟随：在
Windows 上 git 会把链接取出成一个只写着目标路径的文本文件，`pubgen diff` 从 git 版本读取时也不跟随链接，
同一份文档经由链接还会出现两次。修改：直接编辑链接指向的文件，删除这个链接。
""",
)

rule(
    FILES,
    "not-a-file",
    ERROR,
    """
`content/` 里名为 `*.yml` 的不是普通文件，而是命名管道、设备或套接字（或 `site.yml` 等是一个文件夹）。pubgen 不读取它。
修改：把它移出 `content/`。
""",
)

rule(
    FILES,
    "unsafe-path",
    ERROR,
    """
错误（只在 `pubgen diff` 比较 git 版本时出现）。该版本的 `content/` 里有一个路径含有 `..`、`.`、空段或反斜杠的条目：
正常的 git 操作做不出这样的条目，多半是有意构造的。pubgen 不取出它。修改：删除这个条目（`git rm --cached`）。
""",
)

rule(
    FILES,
    "submodule",
    WARNING,
    """
警告（只在 `pubgen diff` 比较 git 版本时出现）。该版本的 `content/` 里有一个 git 子模块。`pubgen diff` 不读取子模块，
其中的改动不会列出。修改：把内容文件直接放在本仓库的 `content/` 里。
""",
)

rule(
    FIELDS,
    "figure-out-of-range",
    ERROR,
    """
数字超出了内容格式允许的范围：整数部分最多 15 位（小于一千万亿），小数最多 10 位。任何真实的预决算数字
都在这个范围内（全国一般公共预算支出以元计也只有 14 位整数；0.01 元以亿元计是 10 位小数），超出的多半是多打了
数字或粘贴错了。例：`“预算收入”的“预算数”：“1234567890123456789012345678”有 28 位整数，超出数字的上限（整数部分最多 15 位）……`
修改：核对原文；确实需要时改用更大（或更小）的金额单位。这个上限保证了所有合计、差额和比率都按精确的十进制计算
（见 [security.md](security.md)）。
""",
)
