"""Hand-built facts and a small gazetteer for the graph and store tests.

The facts mirror what the sample corpus states (shared/gold/seeds.json): 长沙市 对口帮扶 龙山县, 湘潭市 →
永顺县, 济南市 → 湘西州 (东西部协作), 山东/青岛 → 甘肃 (inferred direction), a platform and its operator, a
brand of a place, a campaign, and a group statement. Three documents share one fact (长沙 → 龙山) so that
removal can be checked against shared support.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import KnowledgeGraph
from loaders.extract.facts import Entity, Evidence, Extraction, Group, Relation


@dataclass
class Region:
    code: str
    name: str
    level: str
    parent: str | None
    province: str | None
    lat: float | None = None
    lon: float | None = None
    aliases: list[str] = field(default_factory=list)


_ROWS = [
    ("430000", "湖南省", "province", None, 28.11, 112.98),
    ("430100", "长沙市", "prefecture", "430000", 28.23, 112.94),
    ("430300", "湘潭市", "prefecture", "430000", 27.83, 112.94),
    ("430500", "邵阳市", "prefecture", "430000", 27.24, 111.47),
    ("430523", "邵阳县", "county", "430500", 26.99, 111.27),
    ("430528", "新宁县", "county", "430500", 26.43, 110.86),
    ("433100", "湘西土家族苗族自治州", "prefecture", "430000", 28.31, 109.74),
    ("433122", "泸溪县", "county", "433100", 28.22, 110.22),
    ("433127", "永顺县", "county", "433100", 29.00, 109.85),
    ("433130", "龙山县", "county", "433100", 29.46, 109.44),
    ("370000", "山东省", "province", None, 36.67, 117.02),
    ("370100", "济南市", "prefecture", "370000", 36.65, 117.12),
    ("370200", "青岛市", "prefecture", "370000", 36.07, 120.38),
    ("620000", "甘肃省", "province", None, 36.06, 103.83),
]


class FakeGazetteer:
    """The part of bangfu.knowledge.gazetteer.Gazetteer the graph uses: ``by_code``."""

    def __init__(self) -> None:
        self.by_code = {
            code: Region(code, name, level, parent, (parent or code)[:2] + "0000", lat, lon)
            for code, name, level, parent, lat, lon in _ROWS
        }


def region(code: str, name: str, level: str, parent: str | None, *aliases: str) -> Entity:
    return Entity(
        f"region:{code}",
        "Region",
        name,
        code,
        list(aliases),
        level,
        f"region:{parent}" if parent else None,
    )


def ev(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


TEXT_A = (
    "湖南省教育厅组织全省高校开展消费帮扶。长沙市对口帮扶湘西州龙山县，采购农产品1.2亿元。"
    "湖南省供销合作总社依托旗下“湘农荟”平台，推介龙山县农产品。长沙市帮扶7个贫困县。"
)
TEXT_B = (
    "湘潭市曾与永顺县结成对口帮扶关系，共建农产品销售渠道。各地同步举办东西部协作主题展销。"
    "济南市的批发商与湘西州合作社签订长期采购协议。长沙市继续对口帮扶龙山县。"
)
TEXT_C = "甘肅與山東攜手推出好客山東·如意甘肅雙向遊線路。青島在甘肅建設跨境電商孵化基地。"


def extraction_a(doc_id: str = "a000", path: str = "data/corpus/000.txt") -> Extraction:
    t = TEXT_A
    s_assist = "长沙市对口帮扶湘西州龙山县，采购农产品1.2亿元。"
    s_platform = "湖南省供销合作总社依托旗下“湘农荟”平台，推介龙山县农产品。"
    return Extraction(
        doc={"id": doc_id, "path": path, "title": "湖南省春季消费帮扶成效明显", "date": "2022-04-15"},
        entities=[
            region("430100", "长沙市", "prefecture", "430000", "长沙市"),
            region("433130", "龙山县", "county", "433100", "龙山县"),
            region("433100", "湘西土家族苗族自治州", "prefecture", "430000", "湘西州"),
            Entity("agency:湖南省教育厅", "Agency", "湖南省教育厅", aliases=["湖南省教育厅"]),
            Entity(
                "organization:湖南省供销合作总社",
                "Organization",
                "湖南省供销合作总社",
                aliases=["湖南省供销合作总社"],
            ),
            Entity("platform:湘农荟", "Platform", "湘农荟", aliases=["湘农荟"]),
        ],
        relations=[
            Relation(
                "ASSISTS", "region:430100", "region:433130", ev(t, s_assist), "对口帮扶", confidence=0.9
            ),
            Relation("OPERATES", "organization:湖南省供销合作总社", "platform:湘农荟", ev(t, s_platform)),
            Relation("PROMOTES", "platform:湘农荟", "region:433130", ev(t, s_platform), confidence=0.8),
        ],
        groups=[Group("region:430100", "7个贫困县", ev(t, "长沙市帮扶7个贫困县。"), "对口帮扶")],
    )


def extraction_b(doc_id: str = "b003", path: str = "data/corpus/003.txt") -> Extraction:
    t = TEXT_B
    s1 = "湘潭市曾与永顺县结成对口帮扶关系，共建农产品销售渠道。"
    s2 = "济南市的批发商与湘西州合作社签订长期采购协议。"
    s3 = "长沙市继续对口帮扶龙山县。"
    return Extraction(
        doc={
            "id": doc_id,
            "path": path,
            "title": "湖南省 2020 年农产品产销对接工作安排",
            "date": "2020-08-28",
            "doc_number": "湘扶领办发〔2020〕4号",
        },
        entities=[
            region("430300", "湘潭市", "prefecture", "430000", "湘潭市"),
            region("433127", "永顺县", "county", "433100", "永顺县"),
            region("433100", "湘西土家族苗族自治州", "prefecture", "430000", "湘西州"),
            region("370100", "济南市", "prefecture", "370000", "济南市"),
            region("430100", "长沙市", "prefecture", "430000", "长沙"),
            region("433130", "龙山县", "county", "433100", "龙山县"),
        ],
        relations=[
            Relation(
                "ASSISTS",
                "region:430300",
                "region:433127",
                ev(t, s1),
                "对口帮扶",
                status="past",
                confidence=0.8,
            ),
            Relation(
                "ASSISTS",
                "region:370100",
                "region:433100",
                ev(t, s2),
                "东西部协作",
                inferred=True,
                confidence=0.7,
            ),
            Relation("ASSISTS", "region:430100", "region:433130", ev(t, s3), "对口帮扶", confidence=0.95),
        ],
    )


def extraction_c(doc_id: str = "c002", path: str = "data/corpus/002.txt") -> Extraction:
    t = TEXT_C
    s1 = "甘肅與山東攜手推出好客山東·如意甘肅雙向遊線路。"
    s2 = "青島在甘肅建設跨境電商孵化基地。"
    return Extraction(
        doc={"id": doc_id, "path": path, "title": None, "date": None},
        entities=[
            region("370000", "山东省", "province", None, "山東"),
            region("620000", "甘肃省", "province", None, "甘肅"),
            region("370200", "青岛市", "prefecture", "370000", "青島"),
            Entity("brand:好客山东", "Brand", "好客山东", aliases=["好客山東"]),
            Entity("campaign:好客山东·如意甘肃双向游", "Campaign", "好客山东·如意甘肃双向游"),
        ],
        relations=[
            Relation(
                "ASSISTS",
                "region:370000",
                "region:620000",
                ev(t, s1),
                "东西部协作",
                inferred=True,
                confidence=0.6,
            ),
            Relation("ASSISTS", "region:370200", "region:620000", ev(t, s2), "东西部协作", confidence=0.8),
            Relation("BRAND_OF", "brand:好客山东", "region:370000", ev(t, s1)),
            Relation("ORGANIZES", "region:370000", "campaign:好客山东·如意甘肃双向游", ev(t, s1)),
        ],
    )


TEXT_D = (
    "国家乡村振兴局定点帮扶新宁县。长沙市通过消费帮扶采购龙山县农产品。"
    "“832平台”上线泸溪县、永顺县特色产品。邵阳市新宁县崀山镇推出旅游线路。邵阳县组织农产品展销。"
)


def extraction_d(doc_id: str = "d009", path: str = "data/corpus/009.txt") -> Extraction:
    """Adds: an agency as helper, a second mechanism on one pair (a parallel edge), a platform with no
    operator, a county no one helps (邵阳县), one helped only by an agency (新宁县), a village."""
    t = TEXT_D
    s1 = "国家乡村振兴局定点帮扶新宁县。"
    s2 = "长沙市通过消费帮扶采购龙山县农产品。"
    s3 = "“832平台”上线泸溪县、永顺县特色产品。"
    return Extraction(
        doc={"id": doc_id, "path": path, "title": "乡村振兴简报", "date": "2023-06-01"},
        entities=[
            Entity("agency:国家乡村振兴局", "Agency", "国家乡村振兴局", aliases=["国家乡村振兴局"]),
            region("430528", "新宁县", "county", "430500", "新宁县"),
            region("430500", "邵阳市", "prefecture", "430000", "邵阳市"),
            region("430100", "长沙市", "prefecture", "430000", "长沙市"),
            region("433130", "龙山县", "county", "433100", "龙山县"),
            region("433122", "泸溪县", "county", "433100", "泸溪县"),
            region("433127", "永顺县", "county", "433100", "永顺县"),
            Entity("region:430528:崀山镇", "Region", "崀山镇", None, ["崀山镇"], "village", "region:430528"),
            region("430523", "邵阳县", "county", "430500", "邵阳县"),
            Entity("platform:832平台", "Platform", "832平台", aliases=["832平台"]),
        ],
        relations=[
            Relation("ASSISTS", "agency:国家乡村振兴局", "region:430528", ev(t, s1), "定点帮扶"),
            Relation("ASSISTS", "region:430100", "region:433130", ev(t, s2), "消费帮扶", confidence=0.7),
            Relation("PROMOTES", "platform:832平台", "region:433122", ev(t, s3), confidence=0.8),
            Relation("PROMOTES", "platform:832平台", "region:433127", ev(t, s3), confidence=0.8),
        ],
    )


def sample_extractions() -> list[Extraction]:
    return [extraction_a(), extraction_b(), extraction_c(), extraction_d()]


def sample_graph(extractions: list[Extraction] | None = None) -> KnowledgeGraph:
    """The merged sample facts (all four documents unless given), on the small gazetteer."""
    kg = KnowledgeGraph(FakeGazetteer())
    kg.add_extractions(sample_extractions() if extractions is None else extractions)
    return kg


TEXTS = {"a000": TEXT_A, "b003": TEXT_B, "c002": TEXT_C, "d009": TEXT_D}
