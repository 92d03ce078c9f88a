"""Fictional but realistic Chinese demo content for the catalogue: technology achievements and demands."""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import cache

__all__ = ["FIELDS", "achievements", "demands"]

#: field codes, as in ``vocab.Field``
FIELDS = (
    "it",
    "equipment",
    "materials",
    "bio",
    "nev",
    "energy",
    "environment",
    "digital_creative",
    "services",
)
MATURITIES = ("research", "lab", "pilot", "industrialised")
MODES = ("assignment", "licence", "equity", "co_development", "service")

TITLE_MAX = 40
SUMMARY_MIN, SUMMARY_MAX = 120, 400


# --- public API -----------------------------------------------------------------------------------------


def achievements(rng: random.Random, n: int = 220) -> list[dict]:
    """``n`` achievements spread evenly over the nine fields, with distinct titles, in random order."""
    picks = _spread(rng, n, {f: _title_queue(rng, techs) for f, techs in _techs().items()})
    # exact shares rather than coin flips: 20 % without TRL, 30 % 面议, 25 % with an English title
    no_trl, no_price, english = (set(rng.sample(range(n), round(n * share))) for share in (0.2, 0.3, 0.25))
    used: set[str] = set()
    items = []
    for i, (tech, title, title_en) in enumerate(picks):
        if title in used:
            title, title_en = _variant(rng, title, tech.scenes, used), None
        used.add(title)
        item = _achievement(rng, tech, title, title_en if i in english else None)
        if i in no_trl:
            item["trl"] = None
        if i in no_price:
            item["price_wan"] = None
        items.append(item)
    rng.shuffle(items)
    return items


def demands(rng: random.Random, n: int = 70) -> list[dict]:
    """``n`` enterprise demands and open challenges spread over the nine fields, in random order."""
    queues = {}
    for f, seeds in _demand_seeds().items():
        queue = list(seeds)
        rng.shuffle(queue)
        queues[f] = [(seed, seed.title, None) for seed in queue]
    picks = _spread(rng, n, queues)
    used: set[str] = set()
    items = []
    for seed, title, _ in picks:
        if title in used:
            title = _variant(rng, title, _DEMAND_QUALIFIERS, used)
        used.add(title)
        items.append(_demand(rng, seed, title))
    # about a quarter 面议; challenges always state their budget
    plain = [item for item in items if item["kind"] == "demand"]
    for item in rng.sample(plain, min(len(plain), round(n * 0.25))):
        item["budget_wan"] = None
    rng.shuffle(items)
    return items


# --- shared helpers -------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{([^{}]*)\}")


def _fill(rng: random.Random, text: str) -> str:
    """Resolve ``{lo..hi}`` (a number with the precision written) and ``{a|b}`` (a choice) slots."""

    def one(match: re.Match[str]) -> str:
        body = match.group(1)
        if ".." in body:
            lo, hi = body.split("..")
            decimals = max(len(lo.partition(".")[2]), len(hi.partition(".")[2]))
            if decimals == 0:
                low, high = int(lo), int(hi)
                # wide ranges give round numbers: 54000 rather than 53954, 45 minutes rather than 47
                step = 10 ** max(0, len(str(high - low)) - 2)
                if step == 1 and high - low >= 20 and low % 5 == 0 and high % 5 == 0:
                    step = 5
                return str(max(low, rng.randint(low // step, high // step) * step))
            return f"{rng.uniform(float(lo), float(hi)):.{decimals}f}"
        return rng.choice(body.split("|"))

    return _SLOT.sub(one, text)


def _spread(rng: random.Random, n: int, queues: dict[str, list]) -> list:
    """Take items from the fields' queues in turn; an exhausted queue starts over (callers vary titles)."""
    order = list(queues)
    rng.shuffle(order)
    picks = []
    position = dict.fromkeys(order, 0)
    while len(picks) < n:
        for f in order:
            if len(picks) == n:
                break
            queue = queues[f]
            picks.append(queue[position[f] % len(queue)])
            position[f] += 1
    return picks


def _variant(rng: random.Random, title: str, qualifiers: tuple[str, ...], used: set[str]) -> str:
    """A distinct variant of a title that is already taken, qualified by an application or a phase."""
    options = [f"{title}（面向{q}）" if not q.startswith("（") else title + q for q in qualifiers]
    rng.shuffle(options)
    for option in options:
        if option not in used and len(option) <= TITLE_MAX:
            return option
    for phase in range(2, 1000):
        option = f"{title[: TITLE_MAX - 6]}（第{phase}期）"
        if option not in used:
            return option
    raise ValueError("no distinct title left")


def _weighted(rng: random.Random, odds: dict[str, float]) -> str:
    return rng.choices(list(odds), weights=list(odds.values()))[0]


def _sample_weighted(rng: random.Random, odds: dict[str, float], k: int) -> list[str]:
    """``k`` distinct keys drawn by weight, returned in the keys' order."""
    pool = dict(odds)
    chosen = []
    while pool and len(chosen) < k:
        key = _weighted(rng, pool)
        chosen.append(key)
        del pool[key]
    return [key for key in odds if key in chosen]


def _wan(rng: random.Random, lo: float, hi: float) -> float:
    """An amount in 万元 drawn log-uniformly and rounded the way people quote prices."""
    value = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    step = 5 if value < 100 else 10 if value < 1000 else 50
    amount = float(max(step, round(value / step) * step))
    if amount < 300 and rng.random() < 0.08:
        amount += 0.5
    return amount


# --- achievements ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tech:
    field: str
    name: str
    kind: str
    ip_types: tuple[str, ...]
    titles: tuple[tuple[str, str | None], ...]
    pain: str
    approach: str
    indicators: tuple[str, ...]
    scenes: tuple[str, ...]
    keywords: tuple[str, ...]


def _blocks(text: str) -> list[list[tuple[str, str]]]:
    """Tagged lines grouped into blocks, each starting at a ``*`` line; a repeated tag continues its text."""
    blocks: list[list[tuple[str, str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        tag, _, value = line.partition(" ")
        if tag == "*":
            blocks.append([])
        blocks[-1].append((tag, value.strip()))
    return blocks


@cache
def _techs() -> dict[str, tuple[_Tech, ...]]:
    parsed = {}
    for f in FIELDS:
        techs = []
        for block in _blocks(_TECH_DATA[f]):
            name, kind, *ip = (part.strip() for part in block[0][1].split("|"))
            titles: list[list] = []
            text = {"?": "", "+": "", "!": [], "@": "", "k": ""}
            for tag, value in block[1:]:
                if tag == "=":
                    titles.append([value, None])
                elif tag == "~":
                    titles[-1][1] = value
                elif tag == "!":
                    text["!"].append(value)
                else:
                    text[tag] += value
            techs.append(
                _Tech(
                    field=f,
                    name=name,
                    kind=kind,
                    ip_types=tuple(ip[0].split()) if ip else _IP_BY_KIND[kind],
                    titles=tuple((zh, en) for zh, en in titles),
                    pain=text["?"],
                    approach=text["+"],
                    indicators=tuple(text["!"]),
                    scenes=tuple(text["@"].split("；")),
                    keywords=tuple(text["k"].split()),
                )
            )
        parsed[f] = tuple(techs)
    return parsed


def _title_queue(rng: random.Random, techs: tuple[_Tech, ...]) -> list[tuple[_Tech, str, str | None]]:
    """Every technology's first title (in random order), then every second title, and so on."""
    shuffled = list(techs)
    rng.shuffle(shuffled)
    queue = []
    for level in range(max(len(t.titles) for t in techs)):
        queue += [(t, *t.titles[level]) for t in shuffled if level < len(t.titles)]
    return queue


#: relative odds of research, lab, pilot and industrialised, by kind of technology
_MATURITY_ODDS = {
    "material": (15, 35, 30, 20),
    "device": (10, 30, 35, 25),
    "software": (10, 25, 30, 35),
    "chip": (20, 35, 30, 15),
    "drug": (35, 40, 25, 0),
    "meddev": (10, 30, 35, 25),
    "agri": (10, 25, 35, 30),
    "process": (10, 30, 35, 25),
    "service": (0, 10, 30, 60),
}
_TRL = {"research": (1, 3), "lab": (4, 5), "pilot": (6, 7), "industrialised": (8, 9)}
#: asking-price range in 万元 by maturity, and a factor by kind
_PRICE = {"research": (10, 150), "lab": (30, 400), "pilot": (80, 1200), "industrialised": (150, 3000)}
_PRICE_FACTOR = {"software": 0.7, "chip": 1.4, "drug": 2.5, "meddev": 1.3, "agri": 0.8, "service": 0.3}
_MODE_ODDS = {
    "research": {"co_development": 6, "licence": 2, "assignment": 1, "service": 1},
    "lab": {"licence": 4, "co_development": 4, "assignment": 3, "equity": 1, "service": 1},
    "pilot": {"licence": 4, "assignment": 4, "equity": 3, "co_development": 3, "service": 1},
    "industrialised": {"assignment": 4, "licence": 4, "equity": 3, "service": 1, "co_development": 1},
}
_IP_BY_KIND = {
    "material": ("invention", "invention", "invention", "utility_model", "know_how"),
    "device": ("invention", "invention", "utility_model", "utility_model", "design", "software"),
    "software": ("software", "software", "invention"),
    "chip": ("invention", "invention", "utility_model", "know_how"),
    "drug": ("invention", "invention", "know_how"),
    "meddev": ("invention", "utility_model", "utility_model", "design", "software"),
    "agri": ("invention", "invention", "know_how"),
    "process": ("invention", "invention", "utility_model", "know_how"),
    "service": ("software", "know_how", "invention"),
}
_IP_COUNT_ODDS = {0: 1, 1: 3, 2: 4, 3: 3}

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万严覃"
)
#: characters for given names, in two pools so that a name does not mix styles (e.g. 璐翔)
_GIVEN = (
    "伟强磊勇军杰涛明超刚华建文志海宇浩博鹏飞俊凯峰亮斌辉翔航宏波鑫帆彬健昊哲轩睿泽铭立新庆松柏岩源卫东振永"
    "国平晨晓思佳瑞清",
    "芳敏静丽艳娟秀霞欣婷琳慧颖倩雪梅琪然怡蕾璐楠萍红燕玲兰琦晶春晨晓思佳瑞清雨",
)
_LEAD_TITLES = ("教授", "教授", "研究员", "研究员", "正高级工程师")
_MEMBER_TITLES = (
    "副教授",
    "副教授",
    "副研究员",
    "副研究员",
    "高级工程师",
    "讲师",
    "助理研究员",
    "博士后",
    "博士后",
    "工程师",
    "高级实验师",
)
_SERVICE_LEAD_TITLES = ("研究员", "正高级工程师", "高级工程师", "教授")

_TEAM_WORDS = ("课题组", "研发团队", "项目团队", "团队")
_TESTED = {
    "research": ("实验结果表明", "初步研究表明", "经实验室测试"),
    "lab": ("实验结果表明", "经小试验证", "经实验室测试"),
    "pilot": ("经第三方检测", "经中试验证", "经用户试用验证"),
    "industrialised": ("经第三方检测", "经用户现场验证", "据用户应用数据统计"),
}
#: the same for kinds where 中试 and 第三方检测 are not the usual words
_TESTED_BY_KIND = {
    "software": {
        "pilot": ("经试点应用验证", "经第三方测评"),
        "industrialised": ("经第三方测评", "据用户应用数据统计"),
    },
    "service": {
        m: ("据统计", "实践表明", "从已完成项目看") for m in ("research", "lab", "pilot", "industrialised")
    },
    "agri": {
        "pilot": ("多点示范结果表明", "经区域试验验证"),
        "industrialised": ("经多年多点示范验证", "推广应用结果表明"),
    },
}
#: summary patterns; the flag says whether indicators may be numbered ①②③
_SUMMARY_PATTERNS = (
    (
        "针对{pain}等问题，{team}{approach}。主要技术指标：{inds}。"
        "{benefit}{now}{stage}，可应用于{scenes}等领域。",
        True,
    ),
    ("目前，{pain}。本成果{approach}。{tested}，{inds}。成果适用于{scenes}。{benefit}{now}{stage}。", False),
    (
        "{name}在{scenes}等领域具有广阔的应用前景，但{pain}。{team}{approach}。"
        "技术指标：{inds}。{now}{stage}。",
        True,
    ),
    (
        "本成果{approach}，解决了{pain}的难题。{tested}，{inds}。{benefit}目前{stage}，主要面向{scenes}。",
        False,
    ),
    (
        "【成果简介】{team}{approach}，有效解决{pain}的问题。【技术指标】{inds}。【应用领域】{scenes}。"
        "【成熟度】{stage}。",
        True,
    ),
    (
        "{team}长期从事{name}相关研究，{approach}。与现有技术相比，{inds}。"
        "{benefit}可用于{scenes}。{now}{stage}。",
        True,
    ),
    (
        "{scenes}对{name}的需求十分迫切。{pain}，{team}为此{approach}。"
        "{tested}，{inds}。{now}{stage}。{benefit}",
        False,
    ),
)
_EXTRAS = (
    "转化时可提供全套技术资料、工艺文件和现场技术指导。",
    "团队具备持续迭代开发能力，可根据企业具体需求进行定制开发。",
    "欢迎有意向的企业洽谈合作，共同推进成果落地。",
)


def _achievement(rng: random.Random, tech: _Tech, title: str, title_en: str | None) -> dict:
    maturity = rng.choices(MATURITIES, weights=_MATURITY_ODDS[tech.kind])[0]
    trl = rng.randint(*_TRL[maturity])
    others = rng.sample(tech.keywords[1:], rng.randint(2, min(5, len(tech.keywords) - 1)))
    keywords = [tech.keywords[0]] + [k for k in tech.keywords[1:] if k in others]
    if tech.kind == "service":
        modes = ["service"] + _sample_weighted(
            rng, {"co_development": 2, "licence": 1}, rng.choice((0, 0, 1))
        )
        modes = [m for m in MODES if m in modes]
    else:
        modes = _sample_weighted(rng, _MODE_ODDS[maturity], rng.choice((1, 2, 2, 2, 3)))
    lo, hi = _PRICE[maturity]
    factor = _PRICE_FACTOR.get(tech.kind, 1.0)
    price = _wan(rng, max(5, lo * factor), hi * factor)
    return {
        "title": title,
        "summary": _summary(rng, tech, maturity),
        "keywords": keywords,
        "field": tech.field,
        "maturity": maturity,
        "trl": trl,
        "transfer_modes": modes,
        "price_wan": price,
        "ip": _ip(rng, tech, maturity),
        "team": _team(rng, tech.kind),
        "title_en": title_en,
    }


def _summary(rng: random.Random, tech: _Tech, maturity: str) -> str:
    pattern, numbered = rng.choice(_SUMMARY_PATTERNS)
    n_indicators = min(len(tech.indicators), rng.choice((2, 3, 3, 4)))
    n_scenes = min(len(tech.scenes), rng.choice((2, 3)))
    with_benefit = maturity != "research" and rng.random() < 0.6
    joiner = rng.choice(("numbered", "；", "，")) if numbered else rng.choice(("；", "，"))
    for _ in range(6):
        indices = sorted(rng.sample(range(len(tech.indicators)), n_indicators))
        indicators = [_fill(rng, tech.indicators[i]) for i in indices]
        if joiner == "numbered":
            inds = "；".join("①②③④"[i] + text for i, text in enumerate(indicators))
        else:
            inds = joiner.join(indicators)
        chosen = rng.sample(tech.scenes, n_scenes)
        scenes = [s for s in tech.scenes if s in chosen]
        values = {
            "pain": tech.pain,
            "approach": _fill(rng, tech.approach),
            "inds": inds,
            "scenes": "、".join(scenes),
            "stage": _fill(rng, rng.choice(_STAGES[tech.kind][maturity])),
            "benefit": _fill(rng, rng.choice(_BENEFITS[tech.kind])) if with_benefit else "",
            "team": rng.choice(_TEAM_WORDS),
            "tested": rng.choice(_TESTED_BY_KIND.get(tech.kind, {}).get(maturity, _TESTED[maturity])),
            "name": tech.name,
            "now": rng.choice(("目前", "目前", "当前", "现", "该成果目前", "项目")),
        }
        text = pattern.format(**values)
        if len(text) < SUMMARY_MIN:
            text += rng.choice(_EXTRAS)
        if SUMMARY_MIN <= len(text) <= SUMMARY_MAX:
            return text
        # too long: say less next time
        n_indicators = max(2, n_indicators - 1)
        n_scenes = 2
        with_benefit = False
    return text[: SUMMARY_MAX - 1] + "。"


def _ip(rng: random.Random, tech: _Tech, maturity: str) -> list[dict]:
    count = rng.choices(tuple(_IP_COUNT_ODDS), weights=tuple(_IP_COUNT_ODDS.values()))[0]
    items: list[dict] = []
    for _ in range(count):
        ip_type = rng.choice(tech.ip_types)
        if ip_type == "know_how" and any(i["type"] == "know_how" for i in items):
            continue
        if ip_type == "know_how":
            status = "granted"
        elif maturity == "research":
            status = _weighted(rng, {"pending": 6, "granted": 4})
        else:
            status = _weighted(rng, {"granted": 14, "pending": 5, "lapsed": 1})
        items.append({"type": ip_type, "status": status})
    return items


def _person(rng: random.Random) -> str:
    pool = rng.choice(_GIVEN)
    given = rng.choice(pool)
    if rng.random() < 0.65:
        given += rng.choice(pool.replace(given, ""))
    return rng.choice(_SURNAMES) + given


def _team(rng: random.Random, kind: str) -> list[dict]:
    size = rng.choices((1, 2, 3, 4), weights=(1, 3, 4, 3))[0]
    names: list[str] = []
    while len(names) < size:
        name = _person(rng)
        if name not in names:
            names.append(name)
    lead = rng.choice(_SERVICE_LEAD_TITLES if kind == "service" else _LEAD_TITLES)
    titles = [lead] + [rng.choice(_MEMBER_TITLES) for _ in range(size - 1)]
    return [{"name": name, "title": title} for name, title in zip(names, titles, strict=True)]


# --- demands --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _DemandSeed:
    field: str
    kind: str
    title: str
    problem: str
    metrics: str
    constraints: str


@cache
def _demand_seeds() -> dict[str, tuple[_DemandSeed, ...]]:
    parsed = {}
    for f in FIELDS:
        seeds = []
        for block in _blocks(_DEMAND_DATA[f]):
            text = {"T": "", "P": "", "M": "", "C": ""}
            for tag, value in block[1:]:
                text[tag] += value
            seeds.append(_DemandSeed(f, block[0][1], text["T"], text["P"], text["M"], text["C"]))
        parsed[f] = tuple(seeds)
    return parsed


_DEMAND_MATURITY = {
    "demand": {"lab": 15, "pilot": 40, "industrialised": 45},
    "challenge": {"research": 10, "lab": 30, "pilot": 50, "industrialised": 10},
}
_DEMAND_MODE_ODDS = {"co_development": 6, "assignment": 3, "licence": 3, "service": 2, "equity": 0.5}


def _demand(rng: random.Random, seed: _DemandSeed, title: str) -> dict:
    challenge = seed.kind == "challenge"
    if challenge:
        modes = ["co_development"] + _sample_weighted(
            rng, {"assignment": 2, "licence": 1}, rng.choice((0, 1))
        )
        modes = [m for m in MODES if m in modes]
        budget = _wan(rng, 300, 4000)
        reward = min(3000.0, max(100.0, _wan(rng, budget * 0.4, budget)))
    else:
        modes = _sample_weighted(rng, _DEMAND_MODE_ODDS, rng.choice((1, 2, 2, 3)))
        budget = _wan(rng, 20, 600)
        reward = None
    constraints = "" if rng.random() < 0.08 else _fill(rng, seed.constraints)
    if constraints and rng.random() < 0.4:
        extra = _fill(rng, rng.choice(_EXTRA_CONSTRAINTS))
        if len(constraints) + len(extra) + 1 <= 120:
            constraints += "；" + extra
    terms = _CHALLENGE_IP_TERMS if challenge else _DEMAND_IP_TERMS
    problem = _fill(rng, seed.problem)
    impacts = _PROBLEM_IMPACTS if seed.field in ("digital_creative", "services") else _FACTORY_IMPACTS
    for closings, odds in ((impacts, 0.4), (_PROBLEM_ASKS, 0.5)):
        addition = _fill(rng, rng.choice(closings))
        if (len(problem) < 70 or rng.random() < odds) and len(problem) + len(addition) <= 250:
            problem += addition
    return {
        "kind": seed.kind,
        "title": title,
        "field": seed.field,
        "problem": problem,
        "metrics": _fill(rng, seed.metrics),
        "constraints": constraints,
        "ip_terms": _fill(rng, rng.choice(terms)),
        "expected_maturity": _weighted(rng, _DEMAND_MATURITY[seed.kind]),
        "modes": modes,
        "budget_wan": budget,
        "reward_wan": reward,
    }


#: sentences that may close a problem statement: what it costs, then what the enterprise asks for
_PROBLEM_IMPACTS = (
    "公司已做过初步尝试，但效果不理想。",
    "该项目已列入公司年度重点工作。",
    "市场上尚无成熟的解决方案。",
)
_FACTORY_IMPACTS = _PROBLEM_IMPACTS + (
    "该问题每年造成直接经济损失约{100..800}万元。",
    "目前已成为制约产能提升和成本下降的主要瓶颈。",
    "下游客户对此要求日益严格，问题亟待解决。",
    "每月因此产生的返工和报废损失约{20..80}万元。",
    "旺季时该工序已成为全线瓶颈。",
)
_PROBLEM_ASKS = (
    "公司内部团队多次尝试均未根本解决，希望与高校、科研院所合作攻关。",
    "现寻求具备相关研究基础的团队合作开发。",
    "欢迎有成熟技术或工程案例的团队对接。",
    "希望引进成熟技术，或与高校联合开发。",
    "希望与高校、科研院所共建联合实验室，开展长期合作。",
)
_DEMAND_QUALIFIERS = ("（二期）", "（新基地）", "（扩产配套）", "（第二批）", "（升级版）")
_EXTRA_CONSTRAINTS = (
    "项目周期不超过{6..18}个月",
    "需签订保密协议",
    "研发人员需能驻厂调试",
    "优先考虑具备同类工程案例的团队",
    "分阶段验收付款",
    "须通过企业组织的专家评审",
)
_DEMAND_IP_TERMS = (
    "成果归企业所有，高校保留非商业性科研使用权",
    "背景知识产权归各自所有，合作新产生的知识产权双方共有，企业享有独占实施权",
    "可接受专利独占许可，许可期限不少于{5..10}年，许可费可按入门费加销售提成",
    "技术成果归企业所有，研发团队享有署名权，论文发表需经企业书面同意",
    "优先受让已有专利，转让后需提供不少于{6..24}个月的技术指导",
    "可接受普通许可，但需保证本行业内排他实施",
    "服务成果（检测报告、工艺文件等）归企业所有，服务方承担保密义务",
    "可共同申请专利，企业享有优先受让权",
    "可探讨作价入股或共建研发中心，知识产权按约定比例分享",
)
_CHALLENGE_IP_TERMS = (
    "揭榜方交付的全部技术成果及知识产权归发榜企业所有，揭榜团队保留科研使用权",
    "榜单成果知识产权归企业所有，揭榜方可在脱密后发表论文",
    "新产生的知识产权双方共有，企业享有独家实施权和优先受让权",
    "背景知识产权归揭榜方所有，企业获得本领域独占许可，新成果归企业所有",
)


# --- wording by kind of technology ----------------------------------------------------------------------

#: where the work stands, by kind and maturity; written to follow 目前 and to end a sentence
_STAGES = {
    "material": {
        "research": (
            "处于实验室机理研究阶段，已获得克级样品并完成基础性能表征",
            "处于研发阶段，已完成材料体系设计与关键机理验证，发表SCI论文{4..15}篇",
        ),
        "lab": (
            "已完成小试，可稳定制备公斤级样品，经{2..5}家下游企业试用反馈良好",
            "小试工艺已打通，批次稳定性良好，正在寻求中试放大合作伙伴",
        ),
        "pilot": (
            "已建成中试线并连续稳定运行{3..12}个月，产品通过{2..6}家下游客户验证",
            "已完成中试放大，形成完整工艺包，具备建设规模化产线的条件",
        ),
        "industrialised": (
            "已与合作企业实现规模化生产，累计新增产值{1..8}亿元",
            "已实现产业化，产品进入{3..10}家行业头部企业供应链",
        ),
    },
    "device": {
        "research": (
            "已完成总体方案设计与仿真验证，关键部件原理样机正在研制",
            "处于关键技术攻关阶段，核心算法和结构方案已通过仿真验证",
        ),
        "lab": (
            "已研制出原理样机，在实验室条件下完成主要性能测试",
            "已完成工程样机研制及{200..1000}小时台架试验",
        ),
        "pilot": (
            "工程样机已在{2..5}家用户现场开展试用，累计运行超过{1000..5000}小时",
            "已完成样机定型试验，正在开展小批量试制和用户验证",
        ),
        "industrialised": (
            "已实现批量生产，累计销售{50..500}台（套）",
            "已在{5..30}家企业推广应用，设备运行稳定，用户评价良好",
        ),
    },
    "software": {
        "research": (
            "已完成核心算法研究和原型验证，在公开数据集上取得领先结果",
            "处于算法研究阶段，关键模型已完成离线验证",
        ),
        "lab": (
            "已开发原型系统，在实验环境下完成功能与性能测试",
            "已完成原型系统开发，正在与合作企业进行数据对接测试",
        ),
        "pilot": (
            "系统已在{2..6}家企业开展试点应用，运行稳定",
            "已在合作单位完成{3..12}个月试运行，正在进行产品化完善",
        ),
        "industrialised": (
            "已形成成熟产品，累计部署用户{20..200}家",
            "已实现商业化推广，服务客户覆盖{5..20}个省份",
        ),
    },
    "chip": {
        "research": (
            "已完成架构设计与系统级仿真，正在开展关键模块电路设计",
            "处于原理验证阶段，核心器件结构已通过仿真和单元测试验证",
        ),
        "lab": (
            "已完成FPGA原型验证，核心指标达到设计要求",
            "已完成原理样片制备，实验室测试性能达到预期",
        ),
        "pilot": (
            "已完成MPW流片，样片测试结果与仿真一致，正在进行可靠性考核",
            "已完成工程批流片和可靠性测试，正在导入客户验证",
        ),
        "industrialised": (
            "已实现量产，累计出货超过{50..800}万颗",
            "已通过客户认证并实现批量供货，良率稳定在{95..99}%以上",
        ),
    },
    "drug": {
        "research": (
            "处于早期研发阶段，已完成体外药效及作用机制研究",
            "处于候选分子发现阶段，已获得多个具有成药潜力的先导分子",
        ),
        "lab": (
            "已确定候选分子，药效在{2..4}种动物模型中得到验证",
            "已完成候选药物筛选和初步药效与安全性评价",
        ),
        "pilot": (
            "已完成临床前药学、药效及安全性评价，正在准备IND申报",
            "已完成中试工艺放大及GLP毒理研究，具备临床申报条件",
        ),
        "industrialised": ("已获得临床试验批件",),
    },
    "meddev": {
        "research": (
            "已完成原理验证和关键部件设计",
            "处于原理样机研制阶段，核心技术已完成动物实验验证",
        ),
        "lab": (
            "已完成原型机研制与性能验证，正在开展型式检验",
            "已完成样品试制和动物实验，性能达到设计要求",
        ),
        "pilot": (
            "已完成注册检验，正在开展多中心临床试验",
            "已通过型式检验，正在进行临床评价和注册申报",
        ),
        "industrialised": (
            "已取得医疗器械注册证，在{10..80}家医院推广应用",
            "已获得产品注册证并实现批量销售",
        ),
    },
    "agri": {
        "research": (
            "已完成室内试验和作用机理研究",
            "处于基础研究阶段，关键基因与性状关联已初步解析",
        ),
        "lab": (
            "已完成{2..3}年小区试验，效果稳定",
            "已完成室内和小区试验，正在开展区域适应性测试",
        ),
        "pilot": (
            "已在{3..8}个省份开展多点示范，表现稳定",
            "已完成区域试验，在{2..5}个示范基地开展生产性验证",
        ),
        "industrialised": (
            "已在{3..12}个省份推广应用，累计新增经济效益{1..10}亿元",
            "已实现大面积推广，并与多家龙头企业建立合作",
        ),
    },
    "process": {
        "research": (
            "已完成实验室机理研究和工艺路线论证",
            "处于工艺研究阶段，关键反应和分离单元已完成验证",
        ),
        "lab": (
            "已完成实验室小试，连续运行{30..90}天，各项指标稳定",
            "小试工艺已打通，正在开展中试装置设计",
        ),
        "pilot": (
            "已建成中试装置并连续稳定运行{3..12}个月",
            "已完成中试验证，形成工艺包，具备工程化推广条件",
        ),
        "industrialised": (
            "已在{3..20}个工程项目中成功应用",
            "已建成示范工程{2..10}项，运行稳定，经济效益显著",
        ),
    },
    "service": {
        "research": ("相关方法处于研究阶段，已形成技术规范草案",),
        "lab": (
            "已完成方法验证和实验室间比对",
            "服务方法已在实验室完成验证，正在与合作企业开展试点",
        ),
        "pilot": (
            "已为{5..30}家企业提供试点服务，反馈良好",
            "已在{2..5}个产业园区开展服务试点",
        ),
        "industrialised": (
            "已形成标准化服务流程，累计服务企业{50..600}家",
            "服务体系成熟，累计完成项目{100..1500}项，客户复购率超过{60..85}%",
        ),
    },
}

#: an optional sentence on cost or competitive advantage, by kind
_BENEFITS = {
    "material": (
        "与进口同类产品相比，成本降低{20..45}%。",
        "产品性能达到国外同类产品水平，可实现进口替代。",
        "工艺流程短、三废排放少，易于放大生产。",
    ),
    "device": (
        "整机国产化率达到{85..98}%。",
        "设备价格仅为进口同类产品的{40..60}%。",
        "关键部件自主可控，维护成本显著降低。",
    ),
    "software": (
        "系统支持私有化部署，可与主流MES、ERP系统对接。",
        "与传统方案相比，部署周期缩短{40..70}%。",
        "全面适配国产操作系统和数据库。",
    ),
    "chip": (
        "关键指标达到国际同类产品水平。",
        "与同类方案相比，芯片面积减小{20..40}%。",
        "可提供完整的参考设计和开发工具链。",
    ),
    "drug": (
        "与现有疗法相比具有明显差异化优势。",
        "已布局核心专利，具有完整的自主知识产权。",
        "有望填补国内该领域同类产品空白。",
    ),
    "meddev": (
        "核心部件全部国产化，整机成本较进口产品降低{30..60}%。",
        "操作简便，适合基层医疗机构推广使用。",
    ),
    "agri": (
        "每亩可节本增效{100..300}元。",
        "可减少化学投入品用量{30..50}%，生态效益显著。",
        "技术简便易行，适合规模化推广。",
    ),
    "process": (
        "运行成本较传统工艺降低{20..40}%。",
        "占地面积较传统工艺减少{30..50}%。",
        "无二次污染，副产物可资源化利用。",
    ),
    "service": (
        "服务周期较常规方式缩短{30..50}%。",
        "出具的报告获得国内外主流机构认可。",
        "可根据企业需求提供定制化服务方案。",
    ),
}


# --- technologies offered by universities and institutes ------------------------------------------------
#
# One block per core technology:
#   * name | kind [| IP types to draw from]     kind: material, device, software, chip, drug, meddev, agri,
#                                               process or service (stage wording and maturity odds)
#   = Chinese title                             one or more, each followed by
#   ~ English title                             its translation
#   ? the problem it solves
#   + what was done, a predicate that can follow 本成果 or 课题组
#   ! one key indicator (one line each)         {lo..hi} draws a number, {a|b} picks one
#   @ application scenarios, separated by ；
#   k keywords, separated by spaces (the first is always kept)
# Repeated ? and + lines continue the text.

_TECH_DATA = {}

_TECH_DATA["it"] = """
* 工业互联网标识解析 | software
= 面向离散制造的工业互联网标识解析二级节点系统
~ Secondary node system for industrial internet identifier resolution in discrete manufacturing
= 基于标识解析的产品全生命周期追溯平台
~ Product lifecycle traceability platform based on identifier resolution
? 离散制造企业设备和物料编码体系不统一，跨企业数据难以互通，质量问题追溯周期长
+ 构建兼容Handle、OID、Ecode等多种编码体系的标识解析中间件，结合主动标识载体与边缘数据采集，
+ 实现产品从原材料到售后的一物一码全程追溯
! 单节点解析并发≥{5..20}万次/秒
! 平均解析时延<{10..50}ms
! 追溯查询时间由天级缩短至{3..30}秒
! 支持{8..15}类主流工业协议接入
@ 汽车零部件；工程机械；家电制造；电子装配
k 工业互联网 标识解析 一物一码 质量追溯 二级节点

* 云边协同边缘计算 | software
= 面向工厂现场的轻量化云边协同边缘计算平台
~ Lightweight cloud-edge collaborative computing platform for factory floors
= 边缘侧AI模型自动压缩与异构部署技术
~ Automatic compression and heterogeneous deployment of AI models at the edge
? 工厂现场数据量大、实时性要求高，全部上云带宽成本高，时延也难以满足控制需求
+ 研发基于容器的轻量化边缘运行框架，支持模型剪枝量化后在ARM、x86及国产AI加速卡上统一部署，
+ 并实现云端训练、边缘推理的闭环更新
! 边缘节点内存占用<{128..256}MB
! 模型体积压缩{4..10}倍，精度损失<{0.5..1.5}%
! 端到端控制时延≤{10..20}ms
@ 产线质检；设备预测性维护；智慧园区；能源站监控
k 边缘计算 云边协同 模型压缩 容器 国产化

* 工业大模型 | software
= 面向设备运维的行业大模型知识问答系统
~ Domain large language model question-answering system for equipment maintenance
= 基于检索增强生成的工艺文件智能编写助手
~ Retrieval-augmented generation assistant for drafting process documents
? 企业设备手册、故障案例和工艺规程分散在大量非结构化文档中，老师傅经验难以传承，一线人员查找效率低
+ 基于开源基座模型开展领域继续预训练与指令微调，融合知识图谱与检索增强生成（RAG），
+ 支持私有化部署和多轮问答溯源
! 领域问答准确率≥{85..93}%
! 回答可溯源至原始文档段落，引用准确率≥{90..97}%
! 单卡推理并发≥{20..60}路
! 支持{7|14|32|72}B参数模型在国产GPU上部署
@ 设备运维；工艺设计；客服知识库；安全生产培训
k 大模型 LLM RAG 知识问答 私有化部署

* 工业视觉缺陷检测 | software
= 基于小样本学习的金属表面缺陷视觉检测系统
~ Few-shot learning based visual inspection system for metal surface defects
= 锂电极片高速在线视觉检测技术
~ High-speed online visual inspection of lithium battery electrode sheets
? 产线缺陷样本少、类型多变，传统规则算法误检率高，人工目检劳动强度大且漏检严重
+ 提出融合少样本学习与异常检测的缺陷识别算法，配合多角度光源与线阵相机成像方案，实现产线在线全检
! 缺陷检出率≥{99.0..99.8}%
! 误检率≤{0.3..1.5}%
! 检测速度{60..120}m/min
! 新缺陷类型仅需{10..50}张样本即可完成模型迭代
@ 钢板冷轧；锂电极片涂布；3C结构件；PCB制造
k 机器视觉 缺陷检测 小样本学习 深度学习 AOI

* RISC-V处理器 | chip
= 高能效RISC-V多核处理器IP核
~ High energy-efficiency multi-core RISC-V processor IP core
= 面向工业控制的RISC-V实时处理器芯片
~ RISC-V real-time processor chip for industrial control
? 工控及物联网芯片长期依赖国外处理器内核授权，授权费高、供应链风险大，且难以针对细分场景定制
+ 自主设计支持RV64GC指令集的乱序多发射处理器微架构，扩展向量与自定义加速指令，
+ 并提供完整的工具链和实时操作系统适配
! CoreMark成绩≥{5.0..7.5}/MHz
! 主频≥{1.2..2.0}GHz（{12|22|28}nm工艺）
! 典型功耗<{150..400}mW
@ 工业PLC；边缘AI终端；智能电表；汽车电子
k RISC-V 处理器 IP核 芯片设计 国产化

* 硅光模块 | chip
= 800G硅基光电子集成光模块
~ 800G silicon photonic integrated optical transceiver module
= 硅光芯片与光纤低损耗耦合封装技术
~ Low-loss fibre coupling and packaging for silicon photonic chips
? 数据中心高速光模块对功耗和成本要求越来越高，传统分立器件方案集成度低，封装良率受限
+ 基于硅光平台集成调制器、探测器与波分复用器件，采用模斑转换器实现光纤端面耦合，
+ 并开发晶圆级测试与自动化耦合封装工艺
! 单通道速率{100|200}Gb/s
! 耦合损耗≤{1.0..2.0}dB/端面
! 模块功耗<{12..16}W
! 封装良率≥{90..97}%
@ 数据中心互联；AI算力集群；5G前传
k 硅光 光模块 光电集成 数据中心 CPO

* MEMS传感器 | chip
= 高精度MEMS压力传感器芯片及封装技术
~ High-precision MEMS pressure sensor chip and packaging
= MEMS压力传感器多段温度补偿与批量标定技术
~ Multi-segment temperature compensation and batch calibration for MEMS pressure sensors
? 中高端MEMS传感器芯片主要依赖进口，国产产品在温漂和长期稳定性方面存在差距
+ 采用SOI硅压阻与电容结构设计和晶圆级真空封装工艺，配合多段温度补偿算法，显著提升器件精度和一致性
! 综合精度优于±{0.05..0.20}%FS
! 工作温度-40℃～{85|125}℃
! 零点年漂移<{0.05..0.20}%FS
@ 汽车电子；工业过程控制；医疗呼吸机；消费电子
k MEMS 传感器 晶圆级封装 温度补偿 芯片

* 时间敏感网络 | device
= 面向工业控制的时间敏感网络（TSN）交换机
~ Time-sensitive networking (TSN) switch for industrial control
= 5G与TSN融合的工厂无线确定性网络技术
~ 5G-TSN converged deterministic wireless networking for factories
? 工厂现场总线种类繁多、互不兼容，普通以太网难以满足运动控制对低时延、低抖动的确定性要求
+ 实现IEEE 802.1AS时钟同步、802.1Qbv门控调度等TSN核心协议，并设计5G与TSN的桥接网关，
+ 支持IT/OT网络融合
! 时钟同步精度<{50..200}ns
! 端到端时延抖动<{1..5}μs
! 支持{4..24}个千兆端口线速转发
@ 汽车焊装线；半导体工厂；智能电网变电站；轨道交通
k TSN 时间敏感网络 工业以太网 5G 确定性网络

* 隐私计算 | software
= 基于联邦学习的跨机构数据联合建模平台
~ Federated-learning platform for cross-institution joint modelling
= 多方安全计算隐私求交与联合统计系统
~ Secure multi-party private set intersection and joint statistics system
? 数据要素流通中，各方因隐私与合规顾虑不愿共享原始数据，数据孤岛严重制约联合建模
+ 融合联邦学习、同态加密与多方安全计算协议，实现“数据可用不可见”，并对关键算子进行GPU加速
! 亿级样本隐私求交耗时<{10..40}分钟
! 联合模型效果与集中训练相比损失<{0.5..2.0}%
! 支持{3..10}方同时参与计算
@ 金融风控；医疗数据协作；政务数据开放；供应链金融
k 隐私计算 联邦学习 多方安全计算 同态加密 数据要素

* 区块链溯源 | software
= 农产品区块链质量安全溯源系统
~ Blockchain-based quality and safety traceability for agricultural products
= 基于联盟链的供应链票据可信流转平台
~ Consortium-blockchain platform for trusted circulation of supply-chain bills
? 产品流通环节多、信息易被篡改，消费者和监管部门难以获得可信的全链条数据
+ 基于国产联盟链底座，结合物联网自动采集与数字签名，构建多方共治的数据上链与可信存证机制
! 交易吞吐≥{3000..10000}TPS
! 上链确认时间<{1..3}秒
! 全面支持国密SM2/SM3/SM4算法
@ 农产品溯源；药品流通；供应链金融；跨境贸易
k 区块链 联盟链 溯源 可信存证 国密

* 数据安全 | software
= 基于国密算法的工业控制系统安全防护技术
~ ICS security protection based on Chinese commercial cryptographic algorithms
= 敏感数据自动识别与动态脱敏系统
~ Automatic identification and dynamic masking of sensitive data
? 工业控制系统和业务数据库面临勒索病毒、数据泄露等威胁，传统边界防护难以应对内部越权访问
+ 采用深度包解析与白名单机制构建工控协议安全网关，结合机器学习实现敏感数据自动分类分级与动态脱敏
! 支持Modbus、S7、OPC UA等{20..40}种工控协议深度解析
! 敏感数据识别准确率≥{92..98}%
! 网关转发时延<{0.5..2.0}ms
@ 电力；石化；智能制造；政务云
k 数据安全 工控安全 国密 数据脱敏 等保2.0

* 量子密钥分发 | device
= 小型化量子密钥分发终端设备
~ Miniaturised quantum key distribution terminal
= 量子密钥与经典光网络共纤传输技术
~ Co-fibre transmission of quantum keys over classical optical networks
? 量子密钥分发设备体积大、成本高，且需要独立暗光纤，难以在现有城域网中规模部署
+ 采用集成光学芯片实现量子态制备与测量，并通过波长规划与窄带滤波抑制拉曼噪声，实现与经典业务共纤传输
! 成码率≥{10..50}kbps（{50..80}km光纤）
! 设备体积缩小至标准{1|2}U机箱
! 共纤传输经典信号功率≥{0..5}dBm
@ 政务专网；金融数据中心；电力调度通信
k 量子通信 QKD 量子密钥 光通信 信息安全

* 激光SLAM | software
= 多线激光雷达与IMU紧耦合SLAM定位系统
~ Tightly coupled multi-beam LiDAR-IMU SLAM localisation system
= 面向室外园区的移动机器人自主导航技术
~ Autonomous navigation for mobile robots in outdoor campuses
? 移动机器人在长走廊、开阔场地等退化环境中定位容易漂移，GNSS信号遮挡时无法稳定工作
+ 提出激光雷达、IMU与轮速计紧耦合的因子图优化方法，结合回环检测与地图增量更新，
+ 实现大场景下的长时间稳定定位
! 定位精度≤{2..5}cm
! 千米级闭环误差<{0.1..0.5}%
! 嵌入式平台单帧处理时间<{20..50}ms
@ 巡检机器人；无人配送车；AGV物流；矿山无人驾驶
k SLAM 激光雷达 多传感器融合 自主导航 移动机器人

* 毫米波雷达 | device
= 77GHz毫米波雷达生命体征非接触监测技术
~ Contactless vital-sign monitoring using 77 GHz millimetre-wave radar
= 基于毫米波雷达的跌倒检测与睡眠监测系统
~ Millimetre-wave radar system for fall detection and sleep monitoring
? 接触式传感器佩戴不便，摄像头方案涉及隐私，且在黑暗、烟雾环境下性能急剧下降
+ 基于多发多收天线阵列与相位解调算法，从微动信号中分离呼吸、心跳及人体姿态信息，并设计低功耗嵌入式处理方案
! 呼吸率测量误差<{0.5..1.5}次/分钟
! 心率测量误差<{2..4}次/分钟
! 探测距离{3..8}m，角分辨率≤{1..3}°
@ 养老看护；智慧病房；车内活体检测；智能家居
k 毫米波雷达 生命体征 非接触监测 跌倒检测 信号处理

* Micro LED | chip
= Micro LED巨量转移与检测修复技术
~ Mass transfer, inspection and repair for Micro LED
= Micro LED激光选择性剥离与弹性印章转移工艺
~ Selective laser lift-off and elastomer stamp transfer for Micro LED
? Micro LED芯片尺寸微小、数量巨大，转移良率和效率是制约其商业化的核心瓶颈
+ 开发激光选择性剥离与弹性印章相结合的巨量转移工艺，配合光致发光快速检测与激光修复，实现高良率转移
! 转移良率≥{99.90..99.99}%
! 转移效率≥{1000..5000}万颗/小时
! 芯片尺寸≤{10..30}μm
@ AR眼镜；车载显示；超大尺寸拼接屏；智能手表
k Micro LED 巨量转移 新型显示 微显示 激光剥离

* 存算一体芯片 | chip
= 基于SRAM的存算一体AI加速芯片
~ SRAM-based compute-in-memory AI accelerator chip
= 面向端侧语音识别的存内计算芯片
~ Compute-in-memory chip for on-device speech recognition
? 传统冯·诺依曼架构存储与计算分离，数据搬运功耗占比高，难以满足端侧AI的低功耗要求
+ 设计数字-模拟混合的SRAM存内计算阵列，结合稀疏感知调度与低比特量化编译工具链，大幅提升能效
! 能效比≥{20..60}TOPS/W
! 支持INT{4|8}精度推理
! 典型工作功耗<{5..50}mW
@ 智能穿戴；安防摄像头；智能家居语音；工业传感节点
k 存算一体 AI芯片 低功耗 端侧推理 SRAM

* 知识图谱 | software
= 面向制造业的产业链知识图谱构建技术
~ Industrial-chain knowledge graph construction for manufacturing
= 基于知识图谱的设备故障诊断推理系统
~ Knowledge-graph-based equipment fault diagnosis reasoning system
? 企业和产业数据分散在工商、专利、招投标等多源异构系统中，实体关系难以自动抽取和关联
+ 采用预训练语言模型进行实体识别与关系抽取，结合本体建模与图数据库，实现知识的自动构建、融合与推理
! 实体抽取F1值≥{88..94}%
! 支持{1..10}亿级三元组规模
! 多跳查询响应<{1..3}秒
@ 招商引资；供应链风险预警；设备运维；科技情报
k 知识图谱 关系抽取 图数据库 产业链 推理

* 语音识别 | software
= 方言及强噪声环境下的语音识别技术
~ Speech recognition for dialects and high-noise environments
= 离线端侧语音交互模组
~ Offline on-device voice interaction module
? 通用语音识别在方言口音、车间强噪声等场景下识别率大幅下降，且云端方案无法满足数据不出厂的要求
+ 构建覆盖{10..20}种方言的语料库，采用端到端模型与多通道麦克风阵列降噪相结合，并完成轻量化离线部署
! 普通话识别准确率≥{96..98}%
! {85..100}dB噪声环境下识别率≥{88..93}%
! 离线模型体积<{30..80}MB
@ 工业巡检；智能座舱；客服质检；政务热线
k 语音识别 方言 降噪 离线语音 麦克风阵列

* 时序数据库 | software
= 面向工业物联网的高性能时序数据库
~ High-performance time-series database for the industrial IoT
= 工业海量测点数据高压缩比存储技术
~ High-compression storage for massive industrial measurement-point data
? 工业现场测点数量动辄数十万，传统关系型数据库写入和查询性能不足，存储成本高
+ 设计列式存储与自适应编码压缩算法，采用分布式分片架构，支持高并发写入、降采样查询和边云同步
! 单节点写入≥{200..500}万点/秒
! 压缩比≥{10..20}:1
! 亿级数据聚合查询<{0.5..2.0}秒
@ 电力监控；石化DCS；风电场；智能制造
k 时序数据库 工业物联网 数据压缩 分布式存储 国产数据库
"""

_TECH_DATA["equipment"] = """
* RV减速器 | device
= 工业机器人高精度RV减速器
~ High-precision RV reducer for industrial robots
= 精密减速器传动误差在线检测与寿命评估技术
~ Online transmission-error measurement and life assessment for precision reducers
? 国产机器人用精密减速器在精度保持性和寿命方面与进口产品仍有差距，高端市场依赖进口
+ 通过摆线齿廓修形优化、关键零件精密磨削与热处理工艺改进，建立了传动误差在线检测与寿命加速试验方法
! 传动误差≤{0.5..1.0}arcmin
! 回差≤{0.5..1.0}arcmin
! 额定寿命≥{6000..10000}h
@ 工业机器人；数控转台；光伏跟踪器；医疗机器人
k RV减速器 工业机器人 精密传动 摆线 核心零部件

* 协作机器人 | device
= 基于力觉感知的七自由度协作机器人
~ Seven-DoF collaborative robot with force sensing
= 协作机器人拖动示教与碰撞检测技术
~ Lead-through teaching and collision detection for collaborative robots
? 传统工业机器人需安全围栏隔离、编程复杂，中小企业多品种小批量柔性生产难以应用
+ 研制一体化关节模组并集成关节力矩传感器，提出基于动力学模型的无传感器碰撞检测与拖动示教算法
! 负载{5..16}kg，重复定位精度±{0.02..0.05}mm
! 碰撞检测响应时间<{5..20}ms
! 关节模组国产化率≥{90..98}%
@ 3C装配；汽车零部件上下料；医疗康复；商超服务
k 协作机器人 力控 拖动示教 碰撞检测 关节模组

* 五轴数控系统 | device
= 五轴联动高档数控系统
~ High-end five-axis simultaneous CNC system
= 五轴机床RTCP精度补偿与热误差建模技术
~ RTCP accuracy compensation and thermal error modelling for five-axis machine tools
? 航空航天复杂曲面零件加工依赖进口高档数控系统，国产系统在五轴插补精度与动态性能方面存在短板
+ 开发基于NURBS的五轴样条插补与前瞻速度规划算法，结合旋转轴几何误差辨识和热误差实时补偿
! 插补周期≤{0.125|0.25|0.5}ms
! RTCP精度≤{5..10}μm
! 复杂曲面加工效率提升{20..35}%
@ 航空结构件；叶轮叶盘；汽车模具；医疗植入物
k 五轴联动 数控系统 CNC 误差补偿 RTCP

* 激光焊接 | device
= 铝合金车身激光-电弧复合焊接技术
~ Laser-arc hybrid welding for aluminium car bodies
= 动力电池壳体摆动激光焊接工艺与装备
~ Wobble laser welding process and equipment for battery housings
? 铝合金对激光反射率高，焊缝易产生气孔和热裂纹，焊接质量稳定性差、返修率高
+ 采用光束摆动与激光-电弧复合热源调控熔池流动，配合焊缝视觉跟踪和熔深在线监测，实现高质量稳定焊接
! 焊缝气孔率<{0.5..1.5}%
! 焊接速度≥{4..8}m/min
! 接头强度系数≥{0.75..0.85}
! 焊缝一次合格率≥{99.0..99.8}%
@ 新能源汽车车身；动力电池；轨道交通车体；船舶
k 激光焊接 铝合金 复合焊 熔深监测 摆动焊

* 金属增材制造 | device
= 大尺寸多激光选区熔化（SLM）金属3D打印装备
~ Large-format multi-laser selective laser melting (SLM) equipment
= 高温合金构件增材制造工艺及后处理技术
~ Additive manufacturing and post-processing of superalloy components
? 航空航天复杂构件传统加工周期长、材料利用率低，大尺寸金属打印容易出现多激光拼接缺陷和变形开裂
+ 开发多激光协同扫描路径规划与搭接区质量控制技术，结合熔池监测和热等静压后处理，实现大尺寸构件致密成形
! 成形尺寸≥{400..800}mm
! 致密度≥{99.5..99.9}%
! 多光束搭接区强度与基体差异<{3..5}%
@ 航空发动机燃油喷嘴；火箭发动机；模具随形冷却；骨科植入物
k 金属3D打印 SLM 增材制造 高温合金 选区激光熔化

* 盾构主轴承 | device
= 大直径盾构机主轴承设计与制造技术
~ Design and manufacture of large-diameter main bearings for tunnel boring machines
= 盾构刀盘刀具磨损在线监测技术
~ Online monitoring of cutter wear on shield machine cutterheads
? 大直径盾构主轴承长期依赖进口、供货周期长，刀具磨损靠人工开仓检查，风险高、效率低
+ 基于多体接触力学开展主轴承滚道修形设计，结合大型套圈渗碳淬火变形控制工艺，
+ 并开发刀具磨损电涡流传感与在线识别算法
! 主轴承直径≥{3..8}m
! 设计寿命≥{10000..15000}h
! 刀具磨损监测精度±{0.5..1.5}mm
@ 地铁隧道；水利引调水；铁路隧道；城市综合管廊
k 盾构机 主轴承 刀具监测 隧道装备 大型轴承

* 智能挖掘机 | device
= 挖掘机电液正流量节能控制系统
~ Electro-hydraulic positive-flow energy-saving control system for excavators
= 挖机远程遥控与辅助自主作业技术
~ Remote control and assisted autonomous operation for excavators
? 传统液压挖机能耗高、节流损失大，矿山等危险工况下驾驶员作业安全风险高
+ 采用电控正流量与负载口独立控制技术减少节流损失，融合视觉与激光雷达感知，实现远程遥控及挖装动作自主规划
! 油耗降低{10..20}%
! 遥控时延<{100..200}ms
! 自主挖装作业效率达熟练司机的{80..95}%
@ 矿山开采；应急抢险；市政施工；核电退役
k 挖掘机 电液控制 节能 远程遥控 工程机械

* 高速电主轴 | device
= 高速精密电主轴热-力耦合设计技术
~ Thermo-mechanical coupled design of high-speed precision motorised spindles
= 电主轴智能健康监测与故障预警系统
~ Intelligent health monitoring and fault warning for motorised spindles
? 高速电主轴长时间运行时热变形大、精度保持性差，故障突发导致停机和工件报废
+ 建立主轴热-力-电多场耦合模型，优化冷却流道与轴承预紧，并基于振动与温度多源信号实现故障早期预警
! 最高转速≥{24000..60000}r/min
! 径向跳动≤{1..2}μm
! 热伸长量≤{5..15}μm
@ 精密加工中心；PCB钻孔；模具加工；光学零件加工
k 电主轴 热变形 故障预警 精密加工 机床功能部件

* 机器视觉引导装配 | device
= 基于3D视觉引导的机器人无序抓取系统
~ 3D vision-guided robotic bin-picking system
= 精密零件视觉伺服装配技术
~ Visual servoing assembly of precision parts
? 多品种零件来料杂乱无序，人工上料效率低，传统机器人示教难以适应位姿变化
+ 采用结构光三维成像与点云位姿估计算法，结合抓取规划和手眼标定，实现机器人对任意摆放零件的识别抓取与精准装配
! 识别抓取成功率≥{98.0..99.7}%
! 单次抓取节拍≤{3..6}秒
! 装配精度±{0.02..0.10}mm
@ 汽车零部件上料；物流分拣；电子装配；铸件打磨
k 3D视觉 无序抓取 点云 手眼标定 机器人

* 工业CT检测 | device
= 高能工业CT无损检测系统
~ High-energy industrial CT non-destructive testing system
= 基于深度学习的铸件CT图像缺陷自动识别
~ Deep-learning defect recognition in casting CT images
? 大型铸件和复合材料构件内部缺陷难以用常规射线和超声方法精确定位，人工评片效率低、一致性差
+ 研制高能加速器射线源工业CT系统，提出伪影校正与迭代重建算法，并结合深度学习实现缺陷自动分割与量化评级
! 空间分辨率≤{0.1..0.3}mm
! 穿透钢当量≥{100..300}mm
! 缺陷识别准确率≥{92..97}%
@ 航空铸件；动力电池；复合材料构件；汽车压铸件
k 工业CT 无损检测 图像重建 缺陷识别 射线检测

* 晶圆划片设备 | device
= 碳化硅晶圆激光隐形切割设备
~ Laser stealth dicing equipment for SiC wafers
= 超快激光晶圆隐形切割工艺与焦点控制技术
~ Ultrafast laser stealth dicing process and focus control for wafers
? 碳化硅等硬脆材料机械划片速度慢、崩边大、刀片损耗严重，高端划片设备依赖进口
+ 采用超快激光内部改质与精确焦点控制，配合高刚性运动平台和自动对准视觉系统，实现低损伤高效率切割
! 切割速度≥{300..600}mm/s
! 崩边≤{5..10}μm
! 定位精度±{1..3}μm
@ 功率半导体；LED芯片；MEMS器件；先进封装
k 激光切割 隐形切割 划片机 碳化硅 半导体装备

* 水下机器人 | device
= 深海作业级遥控水下机器人（ROV）
~ Deep-sea work-class remotely operated vehicle (ROV)
= 水下结构物自主巡检AUV
~ Autonomous underwater vehicle for inspection of subsea structures
? 海上风电基础、海底管线等水下设施检测依赖潜水员，作业深度和效率受限、安全风险大
+ 研制耐压密封舱体和大功率液压推进系统，融合多波束声呐与惯导组合导航，实现水下精准定位与机械手作业
! 最大作业水深{1500..4500}m
! 定位精度≤{0.5..1.0}m
! 续航时间≥{8..24}h
@ 海上风电；海底管线巡检；海洋科考；水下打捞
k 水下机器人 ROV AUV 海洋装备 组合导航

* 无人机巡检 | device
= 输电线路无人机自主巡检系统
~ Autonomous UAV inspection system for power transmission lines
= 光伏电站无人机红外巡检与缺陷识别技术
~ UAV infrared inspection and defect recognition for photovoltaic plants
? 输电线路和光伏电站分布广、设备数量多，人工巡检效率低，传统无人机依赖飞手操作，作业一致性差
+ 基于高精度RTK定位与三维航线规划实现全自主飞行，机载AI实时识别绝缘子破损、组件热斑等缺陷，
+ 并配套机巢实现自动起降与换电
! 自主飞行航线精度≤{0.1..0.3}m
! 缺陷识别准确率≥{90..96}%
! 机巢自动换电时间≤{2..4}分钟
! 单架次巡检线路≥{5..12}km
@ 电网巡检；光伏电站巡检；油气管道巡检；应急测绘
k 无人机 自主巡检 机巢 缺陷识别 RTK

* 无人驾驶农机 | device
= 拖拉机无人驾驶与作业质量监测系统
~ Autonomous driving and operation-quality monitoring for tractors
= 丘陵山区小型智能农机装备
~ Small intelligent agricultural machinery for hilly and mountainous regions
? 农业劳动力老龄化严重，大型农机在丘陵山区适应性差，作业质量依靠机手经验难以保证
+ 采用北斗RTK导航与电液转向控制实现路径跟踪，集成耕深、播量传感器实时监测作业质量，并开发适应坡地的轻量化底盘
! 直线行驶精度±{2..3}cm
! 地头自动转向成功率≥{95..99}%
! 爬坡能力≥{15..25}°
@ 大田耕种；丘陵果园；设施农业；农场托管服务
k 无人驾驶 农机 北斗导航 智慧农业 电液转向

* 电液伺服阀 | device
= 高频响电液伺服阀
~ High-frequency-response electro-hydraulic servo valve
= 电液伺服阀污染磨损失效分析与延寿技术
~ Contamination-wear failure analysis and life extension for electro-hydraulic servo valves
? 高端电液伺服阀频响和抗污染能力不足，航空、冶金等领域长期依赖进口，维修周期长
+ 优化力矩马达磁路结构和射流放大器流道，采用精密研配工艺，并建立污染磨损退化模型指导寿命预测
! 频宽≥{150..300}Hz
! 滞环≤{1..3}%
! 抗污染等级NAS {7..9}级
@ 冶金轧机；航空作动器；试验台；注塑机
k 电液伺服阀 液压 频响 力矩马达 流体传动

* 超精密光学加工 | device
= 大口径光学元件磁流变抛光技术
~ Magnetorheological finishing of large-aperture optical components
= 磁流变抛光驻留时间算法与确定性修形技术
~ Dwell-time algorithms and deterministic figuring for magnetorheological finishing
? 大口径、非球面光学元件加工精度要求达纳米级，传统抛光效率低、边缘效应明显且依赖技工经验
+ 研制磁流变抛光头与驻留时间算法，结合干涉仪在线测量形成闭环确定性修形，实现高效高精度加工
! 面形精度PV≤λ/{10..20}
! 表面粗糙度Ra≤{0.5..1.0}nm
! 最大加工口径≥{600..1200}mm
@ 天文望远镜；光刻物镜；激光器；红外光学
k 磁流变抛光 超精密加工 非球面 光学制造 确定性修形

* 外骨骼机器人 | device
= 工业助力外骨骼机器人
~ Industrial power-assist exoskeleton robot
= 基于肌电信号的外骨骼运动意图识别技术
~ EMG-based motion intention recognition for exoskeletons
? 物流搬运、汽车装配等岗位工人长期弯腰负重作业，腰肌劳损高发，现有助力设备笨重、响应滞后
+ 采用轻量化碳纤维结构与柔性驱动设计，融合肌电和惯性信号实时识别动作意图，提供按需随动助力
! 整机重量≤{4..8}kg
! 腰部峰值助力≥{20..40}N·m
! 意图识别延迟<{50..100}ms
@ 物流搬运；汽车装配；单兵负重；康复训练
k 外骨骼 助力机器人 肌电 人机协同 可穿戴

* 轨道交通故障诊断 | software
= 高铁转向架轴承故障声学诊断技术
~ Acoustic fault diagnosis of high-speed train bogie bearings
= 地铁车辆走行部在线监测与健康管理系统
~ Online monitoring and health management for metro vehicle running gear
? 列车走行部故障隐蔽性强，定期检修成本高，早期故障难以及时发现
+ 基于轨边声学阵列和车载振动传感器采集信号，采用包络解调与深度迁移学习识别轴承、齿轮早期故障
! 故障识别准确率≥{93..98}%
! 误报率≤{1..3}%
! 可提前{7..30}天预警
@ 高速铁路；城市地铁；重载货运；风电齿轮箱
k 故障诊断 转向架 轴承 PHM 轨道交通
"""

_TECH_DATA["materials"] = """
* 碳化硅单晶 | material
= 8英寸导电型碳化硅单晶低缺陷生长技术
~ Low-defect growth of 8-inch conductive SiC single crystals
= 碳化硅单晶PVT生长热场仿真与优化设计
~ Thermal-field simulation and optimisation for PVT growth of SiC single crystals
? 传统PVT法生长的碳化硅晶体微管和位错密度高，大尺寸晶锭良率低
+ 通过多物理场耦合仿真优化热场温度梯度，结合籽晶粘接与高纯源粉制备工艺，实现了大尺寸晶体的稳定生长
! 微管密度≤{0.1..0.5}个/cm²
! 基平面位错密度<{300..800}个/cm²
! 晶锭厚度≥{18..30}mm
! 电阻率{0.015..0.025}Ω·cm
@ 新能源汽车主驱逆变器；光伏逆变器；充电桩功率模块
k 碳化硅 SiC PVT法 单晶生长 第三代半导体 功率器件

* 石墨烯导热膜 | material
= 高导热石墨烯膜规模化制备技术
~ Scalable fabrication of highly thermally conductive graphene films
= 氧化石墨烯浆料连续涂布与石墨化工艺
~ Continuous coating and graphitisation of graphene oxide slurry
? 5G手机、笔记本等电子产品功率密度不断提升，传统人工石墨膜厚度受限，散热能力难以满足需求
+ 以氧化石墨烯浆料为原料，采用连续涂布、低温还原与高温石墨化工艺，制备厚度可调的高取向石墨烯导热膜
! 面内热导率≥{1200..1600}W/(m·K)
! 厚度{50..200}μm可调
! 耐弯折≥{10..20}万次无开裂
@ 智能手机；笔记本电脑；5G基站；动力电池
k 石墨烯 导热膜 热管理 散热 石墨化

* 高熵合金 | material
= 高强韧高熵合金成分设计与制备技术
~ Composition design and preparation of strong and tough high-entropy alloys
= 耐磨耐蚀高熵合金涂层激光熔覆技术
~ Laser cladding of wear- and corrosion-resistant high-entropy alloy coatings
? 传统合金在极端高温、强腐蚀和重载磨损工况下性能不足，关键部件寿命短、更换频繁
+ 基于高通量计算与机器学习筛选多主元合金成分，
+ 结合真空熔炼和激光熔覆工艺，获得兼具强度与韧性的高熵合金块体及涂层
! 室温抗拉强度≥{1100..1500}MPa，延伸率≥{15..30}%
! 涂层硬度≥{600..900}HV
! 耐磨性为304不锈钢的{3..8}倍
@ 石化阀门；海洋工程；航空发动机；矿山机械
k 高熵合金 激光熔覆 耐磨涂层 材料基因 合金设计

* 气凝胶 | material
= 常压干燥二氧化硅气凝胶毡制备技术
~ Ambient-pressure drying of silica aerogel blankets
= 动力电池用气凝胶隔热片
~ Aerogel thermal insulation pads for power batteries
? 超临界干燥法制备气凝胶设备投资大、能耗高，产品价格居高不下，限制了其在工业保温和电池防护中的推广
+ 通过表面改性与溶剂置换工艺实现常压干燥，以纤维毡为增强体连续化生产气凝胶复合材料
! 常温导热系数≤{0.016..0.020}W/(m·K)
! 耐温≥{650..1000}℃
! 生产成本较超临界工艺降低{30..50}%
@ 动力电池热失控防护；石化管道保温；建筑节能；航天隔热
k 气凝胶 隔热材料 常压干燥 二氧化硅 热防护

* 聚酰亚胺薄膜 | material
= 柔性显示用无色透明聚酰亚胺（CPI）薄膜
~ Colourless transparent polyimide (CPI) film for flexible displays
= 含氟脂环结构无色聚酰亚胺树脂合成技术
~ Synthesis of colourless polyimide resins with fluorinated alicyclic structures
? 高端聚酰亚胺薄膜制备技术长期被国外企业垄断，国产薄膜在透光率、耐折性和批次稳定性方面存在差距
+ 设计含氟、脂环结构单体抑制电荷转移络合，采用双向拉伸与化学亚胺化工艺，实现高性能PI膜稳定制备
! 可见光透过率≥{88..91}%
! 黄度指数≤{2..4}
! 玻璃化转变温度≥{300..360}℃
! 耐弯折≥{20..50}万次（R=1mm）
@ 折叠屏盖板；柔性OLED基板；柔性电路板；光学膜
k 聚酰亚胺 PI膜 CPI 柔性显示 电子材料

* MLCC介质粉体 | material
= MLCC用纳米钛酸钡介质粉体水热合成技术
~ Hydrothermal synthesis of nano barium titanate dielectric powder for MLCCs
= 高容值MLCC介质配方与共烧工艺
~ Dielectric formulation and co-firing process for high-capacitance MLCCs
? 高端MLCC用小粒径钛酸钡粉体依赖进口，国产粉体粒径分布宽、四方性不足，制约介质层薄层化
+ 采用连续水热法控制成核与生长，获得粒径均匀、高四方性的钛酸钡粉体，并开发稀土掺杂改性配方
! 平均粒径{100..200}nm，D90/D50≤{1.3..1.5}
! 四方率c/a≥{1.008..1.010}
! 介质层厚度≤{1.0..2.0}μm时可稳定成膜
@ 消费电子MLCC；车规MLCC；通信基站；电源模块
k MLCC 钛酸钡 介质粉体 水热合成 电子陶瓷

* 碳纤维复合材料 | material
= T800级碳纤维原丝及碳化工艺
~ T800-grade carbon fibre precursor and carbonisation process
= 碳纤维增强热塑性复合材料快速成型技术
~ Rapid forming of carbon-fibre-reinforced thermoplastic composites
? 高性能碳纤维生产成本高、批次离散大，热固性复合材料成型周期长，难以满足汽车等大批量应用
+ 优化干喷湿纺原丝工艺与预氧化温度梯度，并开发碳纤维增强热塑性预浸带及模压快速成型工艺
! 拉伸强度≥{5.5..6.0}GPa，模量≥{290..300}GPa
! 强度CV值≤{3..5}%
! 复合材料成型周期≤{3..8}分钟
@ 航空航天；汽车轻量化；风电叶片；体育器材
k 碳纤维 复合材料 热塑性 轻量化 预浸料

* 超高分子量聚乙烯纤维 | material
= 高强高模超高分子量聚乙烯纤维干法纺丝技术
~ Dry spinning of high-strength high-modulus UHMWPE fibres
= 耐蠕变超高分子量聚乙烯纤维改性技术
~ Creep-resistant modification of UHMWPE fibres
? 湿法纺丝工艺溶剂用量大、回收成本高，纤维抗蠕变性能不足，限制了在系泊缆绳等长期承载领域的使用
+ 采用十氢萘干法纺丝路线减少萃取工序，通过交联改性和超倍拉伸工艺同步提升纤维强度与抗蠕变性
! 断裂强度≥{38..42}cN/dtex
! 蠕变率降低{40..60}%
! 溶剂回收率≥{98.0..99.5}%
@ 防弹防护；海洋系泊缆；防切割手套；高强绳网
k 超高分子量聚乙烯 UHMWPE 高性能纤维 干法纺丝 防护材料

* 稀土永磁 | material
= 晶界扩散低重稀土高矫顽力钕铁硼磁体
~ Grain-boundary-diffused NdFeB magnets with high coercivity and low heavy rare earth content
= 高丰度稀土铈替代钕铁硼永磁材料
~ NdFeB permanent magnets with high-abundance cerium substitution
? 新能源汽车驱动电机需要高矫顽力磁体，传统方案依赖大量镝、铽等重稀土，成本高且资源受限
+ 采用表面涂覆-晶界扩散工艺使重稀土选择性富集于晶粒表层，并优化双主相结构，以高丰度稀土部分替代钕
! 矫顽力Hcj≥{20..30}kOe
! 重稀土用量降低{50..70}%
! 最大磁能积≥{45..52}MGOe
@ 新能源汽车电机；风力发电机；变频空调压缩机；伺服电机
k 稀土永磁 钕铁硼 晶界扩散 重稀土 磁性材料

* 生物可降解塑料 | material
= 耐热型聚乳酸（PLA）改性材料
~ Heat-resistant modified polylactic acid (PLA)
= PBAT/淀粉全生物降解地膜专用料
~ Fully biodegradable PBAT/starch compound for agricultural mulch films
? 聚乳酸耐热性差、脆性大，可降解地膜的力学性能和降解周期难以匹配作物生长需要
+ 通过成核剂复配与立构复合结晶提高PLA结晶度，采用反应挤出增容制备PBAT/淀粉共混料并调控降解诱导期
! PLA热变形温度≥{90..120}℃
! 地膜拉伸强度≥{15..22}MPa
! {90..180}天降解率≥{85..95}%
@ 一次性餐具；快递包装；农用地膜；3D打印耗材
k 可降解塑料 聚乳酸 PLA PBAT 生物基材料

* 光刻胶 | material
= KrF光刻胶用树脂及配方技术
~ Resins and formulation technology for KrF photoresists
= KrF光刻胶用窄分布聚羟基苯乙烯树脂合成技术
~ Synthesis of narrow-dispersity polyhydroxystyrene resins for KrF photoresists
? 半导体光刻胶国产化率低，关键树脂单体和光致产酸剂依赖进口，且对批次一致性要求极高
+ 设计合成窄分布聚羟基苯乙烯类树脂，配合新型光致产酸剂与痕量金属离子控制工艺，形成完整配方体系
! 分辨率≤{130..180}nm
! 金属离子含量<{5..10}ppb
! 分子量分布PDI≤{1.1..1.3}
@ 集成电路制造；先进封装；MEMS制造
k 光刻胶 KrF 半导体材料 树脂 光致产酸剂

* 高纯石英砂 | material
= 光伏坩埚用高纯石英砂提纯技术
~ Purification of high-purity quartz sand for photovoltaic crucibles
= 高纯石英砂气液包裹体深度去除工艺
~ Deep removal of gas-liquid inclusions from high-purity quartz sand
? 光伏和半导体用高纯石英砂内层砂供应紧张，国内矿源杂质含量高，气液包裹体难以去除
+ 采用浮选-高温氯化-热压浸出组合提纯工艺，有效去除晶格杂质与气液包裹体
! SiO₂纯度≥{99.995..99.998}%
! 铝含量≤{8..15}ppm
! 碱金属总量≤{1..3}ppm
@ 光伏单晶坩埚；半导体石英器件；光纤预制棒
k 高纯石英砂 提纯 石英坩埚 光伏材料 非金属矿

* 球形钛合金粉末 | material
= 增材制造用球形钛合金粉末等离子旋转电极制备技术
~ Plasma rotating electrode process for spherical titanium alloy powder for additive manufacturing
= 低氧细粒径球形钛粉气雾化技术
~ Gas atomisation of low-oxygen fine spherical titanium powder
? 3D打印用钛合金粉末细粉收得率低、卫星粉多、氧含量高，进口粉末价格昂贵
+ 优化等离子旋转电极转速与电极棒质量，结合电极感应熔化气雾化工艺，提升细粉收得率与球形度
! 15～53μm细粉收得率≥{35..50}%
! 氧含量≤{800..1200}ppm
! 球形度≥{0.92..0.97}
@ 航空航天构件；医疗植入物；金属注射成形；热喷涂
k 钛合金粉末 增材制造 雾化制粉 球形粉 3D打印材料

* 陶瓷基复合材料 | material
= SiC/SiC陶瓷基复合材料制备技术
~ Fabrication of SiC/SiC ceramic matrix composites
= 陶瓷基复合材料环境障涂层技术
~ Environmental barrier coatings for ceramic matrix composites
? 航空发动机热端部件耐温要求已超过高温合金极限，陶瓷基复合材料制备周期长、成本高，高温水氧环境下易退化
+ 采用化学气相渗透与反应熔渗复合工艺缩短致密化周期，并设计稀土硅酸盐多层环境障涂层
! 长期使用温度≥{1200..1400}℃
! 室温弯曲强度≥{400..600}MPa
! 制备周期缩短{40..60}%
@ 航空发动机热端部件；燃气轮机；航天热防护；核能包壳
k 陶瓷基复合材料 CMC SiC/SiC 环境障涂层 高温材料

* 防腐涂层 | material
= 海洋工程用石墨烯改性重防腐涂料
~ Graphene-modified heavy-duty anticorrosive coatings for marine engineering
= 具有自修复功能的智能防腐涂层
~ Smart self-healing anticorrosive coatings
? 海洋高盐高湿环境下钢结构腐蚀严重，传统富锌涂料锌粉用量大、VOC排放高，涂层破损后无法自修复
+ 利用片层石墨烯构建迷宫屏蔽结构以降低锌粉用量，并引入缓蚀剂微胶囊，实现涂层破损后的自修复
! 耐盐雾≥{3000..6000}h
! 锌粉用量降低{40..60}%
! VOC含量≤{100..250}g/L
@ 海上风电；跨海大桥；船舶；石化储罐
k 防腐涂料 石墨烯 自修复 重防腐 海洋工程

* LCP薄膜 | material
= 高频通信用液晶聚合物（LCP）薄膜
~ Liquid crystal polymer (LCP) film for high-frequency communications
= LCP高频挠性覆铜板材料
~ LCP flexible copper-clad laminate for high frequencies
? 5G毫米波和高速传输对基材介电损耗要求苛刻，LCP薄膜各向异性强、成膜难，树脂和薄膜主要依赖进口
+ 通过分子结构设计调控液晶取向，采用双轴吹膜工艺降低各向异性，并开发与铜箔的低粗糙度热压复合工艺
! 介电常数{2.9..3.2}（10GHz）
! 介电损耗≤{0.0020..0.0030}
! 吸水率≤{0.02..0.04}%
@ 5G天线；高速连接器；柔性电路板；毫米波雷达
k LCP 液晶聚合物 高频材料 覆铜板 低介电

* 氮化镓外延 | material
= 硅基氮化镓功率器件外延片
~ GaN-on-Si epitaxial wafers for power devices
= 氮化镓射频器件外延结构设计
~ Epitaxial structure design for GaN RF devices
? 硅与氮化镓晶格失配和热失配大，外延片易翘曲开裂，缓冲层漏电大，影响器件可靠性
+ 采用多层AlGaN应力调控缓冲层与碳掺杂高阻层设计，通过MOCVD工艺优化实现大尺寸低翘曲外延生长
! 外延片尺寸{6|8}英寸，翘曲≤{20..50}μm
! 二维电子气迁移率≥{1800..2200}cm²/(V·s)
! 垂直击穿电压≥{650..1200}V
@ 快充电源；数据中心电源；5G基站射频；激光雷达驱动
k 氮化镓 GaN 外延片 MOCVD 第三代半导体

* 镍钛形状记忆合金 | material
= 医用镍钛形状记忆合金丝材加工技术
~ Processing of medical-grade NiTi shape memory alloy wire
= 高疲劳寿命镍钛合金管材
~ NiTi alloy tubing with high fatigue life
? 医用介入器械用镍钛丝、管材对夹杂物和相变温度控制要求极高，高端材料依赖进口
+ 采用真空感应加电子束双联熔炼控制夹杂物尺寸，结合冷拔与时效热处理精确调控相变温度
! 非金属夹杂物≤{5..10}μm
! 相变温度控制精度±{1..3}℃
! 旋转弯曲疲劳≥{1000..3000}万次
@ 血管支架；心脏瓣膜；牙科正畸丝；航空管接头
k 形状记忆合金 镍钛 医用金属 超弹性 介入器械
"""

_TECH_DATA["bio"] = """
* 双特异性抗体 | drug
= 靶向PD-1/VEGF的双特异性抗体
~ Bispecific antibody targeting PD-1 and VEGF
= 双特异性抗体异源二聚化平台技术
~ Heterodimerisation platform technology for bispecific antibodies
? 单抗免疫治疗响应率有限，而双抗开发中重链、轻链错配导致副产物多、纯化难度大
+ 采用电荷互补与“杵臼”结构双重改造促进重链异源配对，并设计共同轻链避免轻链错配，构建了通用型双抗开发平台
! 正确组装率≥{90..97}%
! 表达量≥{3..6}g/L
! 小鼠模型肿瘤抑制率{70..90}%
@ 实体瘤免疫治疗；眼科疾病；自身免疫病
k 双抗 双特异性抗体 肿瘤免疫 抗体工程 生物药

* mRNA递送 | drug
= 新型可电离脂质mRNA递送系统（LNP）
~ Novel ionisable lipid nanoparticle (LNP) system for mRNA delivery
= 肝外靶向mRNA递送技术
~ Extrahepatic targeted mRNA delivery
? 现有LNP递送系统专利壁垒高，且主要富集于肝脏，难以实现肺、脾等肝外器官和特定细胞递送
+ 设计合成具有自主知识产权的可电离脂质库，
+ 通过高通量筛选获得具有器官选择性的LNP配方，并建立微流控规模化制备工艺
! 包封率≥{90..97}%
! 粒径{70..120}nm，PDI<{0.10..0.20}
! 体内转染效率为参比配方的{2..5}倍
@ mRNA疫苗；蛋白替代疗法；基因编辑递送；肿瘤免疫治疗
k mRNA LNP 脂质纳米颗粒 核酸药物 递送系统

* 水稻分子育种 | agri | plant_variety plant_variety invention
= 高产优质抗稻瘟病水稻新品种选育
~ Breeding of high-yield, high-quality, blast-resistant rice varieties
= 水稻全基因组选择分子设计育种技术
~ Genome-wide selection and molecular design breeding of rice
? 水稻育种周期长，常规育种难以同时聚合高产、优质与多抗性状，稻瘟病等病害常造成大面积减产
+ 利用分子标记辅助选择聚合多个抗病基因，结合全基因组选择模型和南繁加代，显著缩短育种周期
! 平均亩产{650..750}kg，较对照增产{5..12}%
! 稻瘟病抗性达中抗以上
! 米质达到部标{1|2}级
! 育种周期缩短{2..4}年
@ 长江中下游稻区；华南双季稻区；种业企业
k 水稻 分子育种 抗稻瘟病 全基因组选择 种业

* 生物农药 | agri
= 苏云金芽孢杆菌高毒力工程菌株及制剂
~ High-virulence engineered Bacillus thuringiensis strains and formulations
= 苏云金芽孢杆菌微胶囊缓释制剂技术
~ Microencapsulated slow-release formulation of Bacillus thuringiensis
? 化学农药长期大量使用导致抗药性和残留问题，而现有生物农药速效性差、货架期短
+ 通过杀虫蛋白基因重组构建高毒力菌株，优化高密度发酵与微胶囊剂型，提高田间持效期和稳定性
! 发酵效价≥{16000..30000}IU/mg
! 田间防效≥{80..92}%
! 常温货架期≥{18..24}个月
@ 蔬菜害虫防治；水稻二化螟；设施农业；绿色有机种植
k 生物农药 苏云金芽孢杆菌 Bt 绿色防控 发酵

* CAR-T细胞治疗 | drug
= 靶向实体瘤的新型CAR-T细胞治疗技术
~ Novel CAR-T cell therapy for solid tumours
= 通用型CAR-T细胞制备技术
~ Preparation of universal (allogeneic) CAR-T cells
? CAR-T在实体瘤中浸润能力弱、易耗竭，自体制备周期长、成本高，限制了可及性
+ 设计装甲型CAR结构并敲除耗竭相关基因以增强对肿瘤微环境的耐受，
+ 利用基因编辑构建通用型细胞，并建立封闭式自动化制备工艺
! 体外杀伤效率≥{70..90}%（效靶比1:1）
! 制备周期≤{7..10}天
! 小鼠模型完全缓解率{40..70}%
@ 血液肿瘤；实体瘤；自身免疫病
k CAR-T 细胞治疗 基因编辑 肿瘤免疫 通用型

* 合成生物学 | process
= 微生物细胞工厂合成依克多因技术
~ Microbial cell factory for ectoine biosynthesis
= 人乳寡糖（2'-FL）生物合成技术
~ Biosynthesis of the human milk oligosaccharide 2'-FL
? 高附加值化妆品及营养品原料依赖化学合成或提取，成本高、收率低，部分产品被国外企业垄断
+ 利用代谢工程改造大肠杆菌和谷氨酸棒杆菌底盘，优化合成途径关键酶与辅因子平衡，结合高密度发酵与膜分离纯化
! 发酵产量≥{60..120}g/L
! 产物纯度≥{98.0..99.5}%
! 生产成本较进口产品降低{30..50}%
@ 化妆品原料；婴幼儿配方奶粉；保健食品；医药中间体
k 合成生物学 代谢工程 发酵 细胞工厂 生物制造

* 畜禽基因组育种 | agri
= 生猪全基因组选择育种技术
~ Genome-wide selection breeding for pigs
= 种猪表型自动测定与基因组育种值评估系统
~ Automatic phenotyping and genomic breeding value estimation for breeding pigs
? 我国核心种源对外依存度高，国产种猪生产性能与国外优良品种有差距，育种数据积累不足
+ 构建本土群体参考群与低密度基因芯片，结合表型自动测定系统和全基因组选择模型，提升选种准确性
! 选择准确性提高{20..40}%
! 料肉比降低{0.05..0.15}
! 达100kg体重日龄缩短{3..8}天
@ 种猪场；生猪育种企业；畜牧龙头企业
k 全基因组选择 种猪 畜禽育种 基因芯片 种源

* PROTAC蛋白降解剂 | drug
= 靶向KRAS突变的PROTAC蛋白降解剂
~ PROTAC degrader targeting mutant KRAS
= 口服生物利用度优化的分子胶降解剂
~ Molecular glue degraders with optimised oral bioavailability
? 许多致病蛋白缺乏可结合的活性口袋，传统小分子抑制剂难以成药，且易产生耐药突变
+ 利用靶向蛋白降解策略，设计连接E3泛素连接酶与靶蛋白的双功能分子，并通过结构优化改善成药性
! 细胞水平DC50≤{10..50}nM
! 最大降解率Dmax≥{85..95}%
! 大鼠口服生物利用度≥{20..40}%
@ 肺癌；胰腺癌；结直肠癌
k PROTAC 蛋白降解 小分子药物 KRAS 靶向治疗

* 化学发光诊断 | meddev
= 全自动化学发光免疫分析仪及配套试剂
~ Automated chemiluminescence immunoassay analyser and reagents
= 心肌标志物快速化学发光检测技术
~ Rapid chemiluminescent detection of cardiac markers
? 高端化学发光免疫诊断市场长期被进口品牌占据，国产仪器在通量、精密度和试剂菜单方面存在差距
+ 采用磁微粒分离与吖啶酯直接化学发光体系，研制高通量全自动分析仪，并建立配套的抗原抗体原料制备平台
! 检测通量≥{200..600}测试/小时
! 批内CV≤{3..5}%
! 心肌肌钙蛋白检测下限≤{1..5}ng/L
@ 医院检验科；胸痛中心；第三方检验实验室
k 化学发光 IVD 体外诊断 免疫分析 磁微粒

* 纳米孔测序 | meddev
= 固态纳米孔单分子测序芯片
~ Solid-state nanopore single-molecule sequencing chip
= 便携式纳米孔病原体快速检测技术
~ Portable nanopore-based rapid pathogen detection
? 高通量测序仪体积大、价格昂贵、检测周期长，难以满足基层医院和现场快速检测需求
+ 采用二维材料纳米孔与集成微电流检测电路，结合深度学习碱基识别算法，实现长读长、便携式测序
! 单条读长≥{20..100}kb
! 碱基识别准确率≥{97.0..99.5}%
! 病原检测全流程≤{4..8}小时
@ 感染性疾病诊断；疾控现场检测；食品微生物检测
k 纳米孔测序 基因测序 病原检测 单分子 芯片

* 重组胶原蛋白 | process
= 重组人源化Ⅲ型胶原蛋白高效表达技术
~ High-yield expression of recombinant humanised type III collagen
= 重组胶原蛋白医用敷料
~ Recombinant collagen medical dressings
? 动物源胶原蛋白存在病毒隐患和免疫原性，而重组胶原表达量低、三螺旋结构难以形成
+ 基于人Ⅲ型胶原功能区段设计重复序列，采用毕赤酵母高密度发酵表达，并开发低温多级层析纯化工艺
! 表达量≥{5..12}g/L
! 纯度≥{95..99}%
! 内毒素<{5..10}EU/g
@ 医疗器械敷料；功效护肤品；组织工程支架
k 重组胶原蛋白 毕赤酵母 生物材料 医美 发酵

* 亚单位疫苗 | drug
= 猪圆环病毒2型亚单位疫苗
~ Porcine circovirus type 2 subunit vaccine
= 新型纳米乳疫苗佐剂
~ Novel nanoemulsion vaccine adjuvant
? 传统灭活疫苗生产需培养活病毒，生物安全风险高，免疫效果和批间一致性有待提升
+ 利用杆状病毒-昆虫细胞体系表达病毒样颗粒抗原，配合自主研发的纳米乳佐剂提升免疫应答强度和持续时间
! 抗原表达量≥{100..300}mg/L
! 免疫保护率≥{90..100}%
! 免疫持续期≥{4..6}个月
@ 生猪养殖；兽用生物制品；人用疫苗佐剂
k 亚单位疫苗 病毒样颗粒 佐剂 兽用疫苗 昆虫细胞

* 中药质量控制 | service | invention know_how
= 中药配方颗粒指纹图谱质量控制技术
~ Fingerprint-based quality control of TCM dispensing granules
= 中药饮片-标准汤剂-配方颗粒量值传递研究方法
~ Quantity transfer method from TCM decoction pieces via standard decoction to granules
? 中药配方颗粒与饮片等效性评价缺乏统一方法，批间质量波动大，标准体系亟待完善
+ 建立饮片-标准汤剂-配方颗粒全链条量值传递体系，采用UPLC指纹图谱与多成分含量测定，结合化学计量学进行质量评价
! 指纹图谱相似度≥{0.90..0.95}
! 同时测定指标成分{5..12}个
! 转移率RSD≤{8..15}%
@ 中药配方颗粒生产；经典名方开发；中药饮片企业
k 中药 配方颗粒 指纹图谱 质量标准 经典名方

* 微生物菌剂 | agri
= 耐盐碱植物促生微生物菌剂
~ Salt- and alkali-tolerant plant-growth-promoting microbial inoculants
= 盐碱地专用复合微生物菌肥
~ Compound microbial fertiliser for saline-alkali soils
? 盐碱地和连作障碍土壤板结、肥力低，作物出苗差、长势弱，化肥过量施用进一步加剧土壤退化
+ 从盐碱地根际筛选高效促生菌株，通过复配构建功能互补的菌群，并开发高活菌数固体剂型
! 有效活菌数≥{2..10}亿/g
! 作物增产{8..20}%
! 土壤pH降低{0.3..0.8}个单位
@ 盐碱地改良；滨海农田；设施蔬菜连作障碍；有机肥生产
k 微生物菌剂 盐碱地 土壤改良 生物肥料 促生菌

* 玉米耐旱品种 | agri | plant_variety plant_variety invention
= 耐旱高产宜机收玉米新品种
~ Drought-tolerant, high-yield maize variety suited to mechanical harvesting
= 玉米单倍体诱导快速育种技术
~ Haploid induction for rapid maize breeding
? 北方春玉米区干旱频发，现有品种籽粒脱水慢、不适合机械直收，人工成本高
+ 利用高油诱导系获得单倍体并加倍，快速创制纯合自交系，结合耐旱基因标记筛选组配杂交种
! 亩产{700..900}kg，较对照增产{6..12}%
! 收获期籽粒含水量≤{23..27}%
! 单倍体诱导率≥{10..15}%
@ 东北春玉米区；黄淮海夏玉米区；西北灌区
k 玉米 耐旱 机收 单倍体育种 种业

* 可降解镁合金 | meddev
= 可降解镁合金心血管支架
~ Biodegradable magnesium alloy cardiovascular stent
= 镁合金支架微弧氧化-高分子复合涂层技术
~ Micro-arc oxidation and polymer composite coating for magnesium alloy stents
? 永久性金属支架长期留存体内，可能引起晚期血栓和血管再狭窄，而现有可降解材料降解速率难以控制
+ 开发高纯镁基合金及微弧氧化-高分子复合涂层，使降解速率与力学支撑期相匹配
! 径向支撑力≥{90..130}kPa
! 体内完全降解周期{12..24}个月
! 降解过程析氢量降低{50..70}%
@ 冠脉介入；外周血管介入；儿童先心病介入
k 镁合金 可降解 心血管支架 微弧氧化 生物材料

* 类器官药筛 | service | invention know_how
= 肿瘤类器官药物敏感性检测平台
~ Tumour organoid drug sensitivity testing platform
= 患者来源肿瘤类器官生物样本库构建技术
~ Construction of patient-derived tumour organoid biobanks
? 二维细胞系和动物模型难以反映人体肿瘤异质性，药物临床转化失败率高，个体化用药缺乏指导
+ 建立患者来源肿瘤类器官高成功率培养体系，结合自动化微流控芯片与高内涵成像，实现高通量药敏检测
! 类器官培养成功率≥{75..90}%
! 药敏检测周期≤{10..14}天
! 与临床疗效符合率≥{80..90}%
@ 肿瘤个体化用药；新药临床前评价；CRO服务
k 类器官 药物筛选 精准医疗 微流控 肿瘤

* 酶制剂 | process
= 饲料用耐高温植酸酶
~ Thermostable phytase for animal feed
= 工业酶定向进化改造平台
~ Directed evolution platform for industrial enzymes
? 饲料制粒温度高达85～90℃，普通植酸酶热稳定性差、活性损失大，酶制剂生产菌株表达量低
+ 基于计算设计与高通量定向进化提高酶的热稳定性，并构建毕赤酵母高效表达菌株
! 85℃制粒后酶活保留率≥{80..90}%
! 发酵酶活≥{15000..30000}U/mL
! 生产成本降低{20..35}%
@ 饲料添加剂；食品加工；洗涤剂；纺织
k 酶制剂 植酸酶 定向进化 毕赤酵母 饲料
"""

_TECH_DATA["nev"] = """
* 硫化物固态电解质 | material
= 硫化物固态电解质规模化制备技术
~ Scalable synthesis of sulfide solid-state electrolytes
= 全固态锂电池正负极界面改性技术
~ Electrode interface modification for all-solid-state lithium batteries
? 液态锂电存在热失控风险，而固态电池中硫化物电解质空气稳定性差、制备成本高，固-固界面阻抗大
+ 采用液相法合成硫银锗矿型电解质并进行氧掺杂以提升空气稳定性，同时设计正极表面包覆层和锂负极人工界面
! 室温离子电导率≥{5..12}mS/cm
! 干燥间暴露{1..4}h后电导率保持≥{85..95}%
! 全电池循环{800..1500}次容量保持率≥{80..90}%
@ 高端电动汽车；低空飞行器；储能
k 固态电池 硫化物电解质 锂电 界面改性 离子电导率

* 扁线电驱 | device
= 新能源汽车扁线油冷电驱动总成
~ Hairpin-winding oil-cooled electric drive unit for new energy vehicles
= 扁线电机定子自动化成型工艺
~ Automated forming process for hairpin motor stators
? 圆线电机槽满率低、功率密度不足，高速运行时绕组温升高，而扁线电机成型工艺复杂、良率低
+ 采用X-pin扁线绕组与定转子直接油冷方案，优化电磁与热设计，并开发扁线成型、插线、扭头、焊接全自动产线工艺
! 峰值功率密度≥{5.0..7.0}kW/kg
! 电机最高效率≥{97.0..97.8}%
! CLTC工况高效区（效率>90%）占比≥{88..93}%
@ 乘用车；轻型商用车；增程式电动车
k 电驱 扁线电机 油冷 三合一 新能源汽车

* 热泵热管理 | device
= 电动汽车宽温域热泵空调系统
~ Wide-temperature-range heat pump air conditioning for electric vehicles
= 整车集成式热管理模块
~ Integrated vehicle thermal management module
? 电动汽车冬季采用PTC加热能耗大、续航衰减严重，热管理回路分散、管路复杂
+ 采用补气增焓热泵与电池、电机余热回收耦合，设计集成式多通阀和热管理控制策略，实现整车热量统一调度
! -{20..30}℃环境下制热COP≥{1.5..2.0}
! 冬季续航提升{10..25}%
! 管路接头减少{30..50}%
@ 纯电乘用车；电动客车；冷链物流车
k 热管理 热泵空调 余热回收 集成模块 冬季续航

* 电池管理系统 | software
= 基于电化学模型的动力电池SOC/SOH精确估算
~ Electrochemical-model-based SOC/SOH estimation for power batteries
= 电池管理系统云端大数据诊断平台
~ Cloud big-data diagnostics platform for battery management systems
? 电池老化后SOC估算误差大，导致续航显示不准，电池异常也难以提前发现
+ 融合简化电化学模型与数据驱动算法在线辨识电池老化参数，并利用云端大数据识别微短路、析锂等早期异常
! SOC估算误差≤{1.5..3.0}%
! SOH估算误差≤{2..4}%
! 热失控风险提前{24..72}小时预警
@ 电动汽车；储能电站；两轮电动车换电柜
k BMS 电池管理 SOC估算 SOH 大数据诊断

* 硅碳负极 | material
= 高首效硅碳负极材料
~ Silicon-carbon anode material with high initial coulombic efficiency
= 多孔碳骨架气相沉积硅负极制备技术
~ CVD deposition of silicon in porous carbon scaffolds for anodes
? 硅负极理论容量高，但充放电体积膨胀可达300%，导致循环寿命短、首次效率低
+ 以多孔碳为骨架，通过硅烷化学气相沉积填充纳米硅，并进行碳包覆与预锂化处理，有效缓冲体积膨胀
! 可逆比容量≥{1500..2000}mAh/g
! 首次库仑效率≥{88..92}%
! 极片膨胀率≤{20..35}%
@ 高能量密度动力电池；消费电子电池；电动工具
k 硅碳负极 锂电 负极材料 CVD 预锂化

* 磷酸锰铁锂 | material
= 高压实磷酸锰铁锂正极材料
~ High-compaction lithium manganese iron phosphate cathode material
= 磷酸锰铁锂与三元复合正极技术
~ LMFP-NCM composite cathode technology
? 磷酸铁锂能量密度已接近理论上限，而磷酸锰铁锂导电性差，锰溶出又会导致循环衰减
+ 通过纳米化共沉淀前驱体、金属离子掺杂和均匀碳包覆提升电子电导，并抑制锰溶出
! 比容量≥{150..158}mAh/g
! 压实密度≥{2.4..2.6}g/cm³
! 1C循环{2000..3000}次容量保持率≥{80..88}%
@ 动力电池；两轮车电池；储能电池
k 磷酸锰铁锂 LMFP 正极材料 锂电 碳包覆

* 高镍三元正极 | material
= 高镍三元正极材料表面包覆改性技术
~ Surface coating modification of high-nickel NCM cathode materials
= 单晶高镍三元正极材料制备技术
~ Preparation of single-crystal high-nickel NCM cathode materials
? 高镍三元材料表面残碱高、与电解液副反应剧烈，高温循环和存储性能衰减快，产气问题突出
+ 采用快离子导体包覆与体相梯度掺杂，降低表面残碱并稳定层状结构，同时开发单晶化烧结工艺
! 循环寿命提升{25..40}%
! 表面残碱≤{1500..2500}ppm
! 电芯能量密度≥{280..300}Wh/kg
@ 长续航乘用车；电动工具；无人机电池
k 高镍三元 正极材料 表面包覆 单晶 锂电

* 钠离子电池 | material
= 钠离子电池层状氧化物正极材料
~ Layered oxide cathode materials for sodium-ion batteries
= 钠离子电池生物质硬碳负极制备技术
~ Biomass-derived hard carbon anodes for sodium-ion batteries
? 锂资源价格波动大，储能和低速车领域亟需低成本电池，而钠电硬碳负极首效低、正极空气稳定性差
+ 以生物质为前驱体，通过预处理和孔结构调控制备高容量硬碳，正极采用铜铁锰多元掺杂提升空气稳定性
! 硬碳比容量≥{300..350}mAh/g，首效≥{85..90}%
! 电芯能量密度≥{140..160}Wh/kg
! -{20..30}℃容量保持率≥{85..92}%
@ 储能电站；两轮电动车；A00级电动车；启停电源
k 钠离子电池 钠电 硬碳 层状氧化物 低成本储能

* SiC电控 | device
= 800V高压平台碳化硅电机控制器
~ SiC motor controller for 800 V high-voltage platforms
= 碳化硅功率模块双面散热封装技术
~ Double-sided cooling packaging for SiC power modules
? 800V高压平台下硅基IGBT开关损耗大，而碳化硅模块的封装杂散电感和散热是可靠性瓶颈
+ 采用银烧结与铜夹片互连的低感封装，设计双面水冷结构，并优化驱动保护与高频开关控制策略
! 控制器功率密度≥{40..60}kW/L
! 最高效率≥{99.0..99.5}%
! 模块杂散电感≤{5..10}nH
@ 800V电动汽车；电动重卡；超充桩
k 碳化硅 SiC 电机控制器 功率模块 800V

* 液冷超充 | device
= 大功率液冷超级充电终端
~ High-power liquid-cooled ultra-fast charging terminal
= 充电场站有序充电与功率柔性分配系统
~ Orderly charging and flexible power allocation for charging stations
? 大功率直流快充电缆发热严重、枪线粗重，充电站配电容量有限，高峰期功率不足
+ 采用液冷电缆与枪头温度闭环控制，配合功率矩阵柔性分配和储能协同，提升单桩功率和场站利用率
! 单枪最大电流{500..800}A
! 枪线重量减轻{40..60}%
! 场站变压器利用率提升{20..40}%
@ 高速服务区；城市超充站；重卡换电站；公交场站
k 超充 液冷充电 充电桩 功率分配 V2G

* 动力电池回收 | process
= 退役动力电池智能拆解与梯次利用技术
~ Intelligent dismantling and second-life use of retired power batteries
= 废旧锂电正极材料短程直接再生技术
~ Short-route direct regeneration of spent lithium-ion battery cathodes
? 退役电池型号繁多、拆解依赖人工，湿法回收流程长、酸碱消耗大，梯次利用电池一致性差
+ 开发基于视觉识别的柔性自动拆解线与快速分选评估方法，并提出补锂-热修复直接再生正极材料工艺
! 电池包拆解效率≥{20..40}包/小时
! 锂回收率≥{90..95}%
! 分选评估时间≤{3..10}分钟/模组
@ 电池回收企业；储能梯次利用；基站备电；低速车
k 电池回收 梯次利用 锂电 直接再生 拆解

* 线控底盘 | device
= 电子机械制动（EMB）线控制动系统
~ Electro-mechanical brake (EMB) brake-by-wire system
= 电子机械制动冗余容错控制技术
~ Redundant fault-tolerant control for electro-mechanical brakes
? 高阶自动驾驶要求制动和转向具备冗余和快速响应能力，传统液压制动响应慢，核心线控产品依赖外资供应商
+ 研制一体化电机-减速-丝杠执行器，设计双绕组冗余电机和失效降级控制策略，满足功能安全要求
! 制动响应时间≤{80..150}ms
! 夹紧力控制精度±{3..5}%
! 满足ISO 26262 ASIL-{C|D}
@ L3级以上自动驾驶；电动乘用车；线控滑板底盘
k 线控制动 EMB 线控底盘 功能安全 冗余

* 自动驾驶感知 | software
= 多传感器前融合的自动驾驶环境感知系统
~ Early-fusion multi-sensor environment perception for autonomous driving
= 自动泊车车位识别与路径规划技术
~ Parking space recognition and path planning for automated parking
? 单一传感器在雨雾、逆光和夜间条件下感知不稳定，长尾场景漏检带来安全风险
+ 采用BEV鸟瞰视角融合摄像头、激光雷达和毫米波雷达特征，结合时序建模与数据闭环持续迭代
! 车辆检测mAP≥{70..80}%
! 车位识别准确率≥{97.0..99.5}%
! 车规芯片上单帧推理时间≤{30..60}ms
@ 乘用车辅助驾驶；港口无人集卡；矿区无人驾驶；自动泊车
k 自动驾驶 BEV 多传感器融合 环境感知 自动泊车

* 一体化压铸 | material
= 免热处理一体化压铸铝合金
~ Heat-treatment-free aluminium alloy for integrated die casting
= 超大型一体化压铸件缺陷控制技术
~ Defect control for very large integrated die castings
? 一体化压铸车身件热处理易变形，常规铝合金铸态塑性不足，大型薄壁件易出现气孔、冷隔缺陷
+ 设计Al-Si-Mn-Mg系免热处理合金成分，配合模具温度场仿真与高真空压铸工艺控制铸件缺陷
! 铸态屈服强度≥{120..150}MPa，延伸率≥{10..15}%
! 型腔真空度≤{30..50}mbar
! 零件数量减少{50..80}%
@ 后地板总成；前机舱；电池托盘；储能柜体
k 一体化压铸 免热处理 铝合金 车身轻量化 高真空压铸

* 储氢瓶 | device
= 车载Ⅳ型高压储氢气瓶
~ On-board Type IV high-pressure hydrogen cylinder
= 储氢瓶碳纤维缠绕工艺优化技术
~ Optimisation of carbon-fibre winding for hydrogen cylinders
? Ⅳ型瓶塑料内胆与金属阀座密封难，碳纤维用量大导致成本高，国内认证经验不足
+ 采用高阻隔尼龙内胆滚塑成型与瓶口多重密封结构，基于网格理论和有限元优化缠绕线型以减少碳纤维用量
! 公称工作压力70MPa，质量储氢密度≥{5.5..6.5}wt%
! 碳纤维用量降低{10..20}%
! 常温压力循环≥{11000..22000}次
@ 氢燃料电池汽车；氢能重卡；氢气长管拖车
k 储氢瓶 Ⅳ型瓶 碳纤维缠绕 氢能 燃料电池汽车

* 电池热失控防护 | device
= 动力电池热失控早期预警与阻隔技术
~ Early warning and propagation barrier for power battery thermal runaway
= 电池包多参量气体传感预警装置
~ Multi-parameter gas-sensing warning device for battery packs
? 动力电池热失控发展迅速，传统温度、电压检测预警滞后，热蔓延可能导致整包起火
+ 融合H₂、CO、VOC气体与压力多参量传感，在热失控早期识别异常，并设计气凝胶-云母复合隔热阻隔结构
! 预警时间较温度检测提前{5..15}分钟
! 误报率≤{0.5..1.0}%
! 满足GB 38031“热扩散5分钟不起火不爆炸”要求
@ 电动汽车；储能电站；电动船舶
k 热失控 电池安全 气体传感 隔热 预警

* 轮毂电机 | device
= 分布式驱动轮毂电机及转矩矢量控制技术
~ In-wheel motors with torque vectoring control for distributed drive
= 外转子永磁轮毂电机轻量化设计
~ Lightweight design of outer-rotor permanent-magnet in-wheel motors
? 轮毂电机增加簧下质量、影响操控舒适性，且密封散热困难，分布式驱动控制复杂
+ 采用高转矩密度外转子拓扑与轻量化结构设计，并提出基于轮胎力估计的转矩矢量分配控制方法
! 转矩密度≥{20..30}N·m/kg
! 防护等级IP{67|68}
! 低附着路面稳定性提升{20..40}%
@ 城市物流车；特种车辆；无人驾驶底盘；电动巴士
k 轮毂电机 分布式驱动 转矩矢量 电动汽车 永磁电机

* 车规级芯片 | chip
= 车规级高可靠MCU芯片
~ Automotive-grade high-reliability MCU chip
= 锁步双核车规MCU功能安全设计技术
~ Functional safety design of lockstep dual-core automotive MCUs
? 车规MCU和驱动芯片长期依赖进口，国产芯片在功能安全认证和可靠性验证方面积累不足
+ 采用锁步双核架构与存储器ECC保护设计，建立覆盖AEC-Q100的可靠性验证流程，并完成功能安全开发流程认证
! 工作温度-40℃～{125|150}℃
! 满足AEC-Q100 Grade {0|1}
! 功能安全等级ASIL-{B|D}
@ 车身控制；电池管理；电驱控制；智能座舱
k 车规芯片 MCU AEC-Q100 功能安全 汽车电子
"""

_TECH_DATA["energy"] = """
* 钙钛矿光伏 | material
= 大面积钙钛矿光伏组件制备技术
~ Fabrication of large-area perovskite photovoltaic modules
= 钙钛矿/晶硅叠层太阳能电池
~ Perovskite/silicon tandem solar cells
? 钙钛矿电池实验室效率高，但大面积制备均匀性差、稳定性不足，距离产业化还有差距
+ 采用狭缝涂布与气刀辅助结晶工艺实现大面积均匀成膜，
+ 结合界面钝化和封装技术提升稳定性，并开发钙钛矿/晶硅叠层结构
! 组件效率≥{17..20}%（面积≥{0.7..1.2}m²）
! 叠层电池效率≥{28..32}%
! 双85老化{1000..2000}h效率保持≥{90..95}%
@ 地面光伏电站；光伏建筑一体化；柔性便携电源
k 钙钛矿 光伏 叠层电池 狭缝涂布 太阳能电池

* 高效晶硅电池 | material
= 低银耗异质结（HJT）太阳能电池技术
~ Low-silver heterojunction (HJT) solar cell technology
= TOPCon电池激光辅助烧结与钝化技术
~ Laser-assisted firing and passivation for TOPCon solar cells
? 高效晶硅电池银浆成本占非硅成本比重高，钝化接触工艺窗口窄，量产效率提升遇到瓶颈
+ 采用银包铜浆料与无主栅串焊技术降低银耗，优化非晶硅和多晶硅钝化层沉积工艺，并引入激光增强接触烧结
! 量产平均效率≥{25.5..26.5}%
! 单片银耗≤{6..10}mg/W
! 双面率≥{85..95}%
@ 光伏组件制造；分布式光伏；大型地面电站
k 异质结 HJT TOPCon 光伏电池 银包铜

* 燃料电池膜电极 | material
= 低铂载量燃料电池膜电极
~ Low-platinum-loading membrane electrode assemblies for fuel cells
= 增强型全氟磺酸质子交换膜
~ Reinforced perfluorosulfonic acid proton exchange membrane
? 燃料电池成本中铂催化剂和质子交换膜占比高，核心材料依赖进口，耐久性有待提升
+ 研制有序化铂合金催化剂与超薄增强复合膜，采用直接涂布法制备膜电极，优化三相界面传质
! 铂载量≤{0.15..0.30}mg/cm²
! 额定工况功率密度≥{1.2..1.6}W/cm²
! 耐久性≥{15000..25000}h
@ 氢燃料电池汽车；固定式发电；备用电源
k 燃料电池 膜电极 质子交换膜 低铂催化剂 氢能

* 电解水制氢 | device
= 大标方碱性电解水制氢装备
~ Large-capacity alkaline water electrolysis equipment for hydrogen production
= 质子交换膜（PEM）电解槽技术
~ Proton exchange membrane (PEM) electrolyser technology
? 可再生能源制氢电解槽电耗高，难以适应风光出力的大幅波动，PEM电解槽依赖贵金属和进口部件
+ 开发高活性镍基催化电极与新型复合隔膜，优化流场结构，并设计宽功率波动自适应控制系统
! 单槽产氢量≥{1000..3000}Nm³/h
! 直流电耗≤{4.1..4.4}kWh/Nm³
! 负荷调节范围{10..30}%～{110..120}%
@ 绿氢化工；风光制氢一体化；加氢站；冶金氢能
k 电解水制氢 碱性电解槽 PEM 绿氢 可再生能源

* 液流电池 | device
= 全钒液流电池电堆关键技术
~ Key technologies of vanadium redox flow battery stacks
= 低成本铁铬液流电池储能系统
~ Low-cost iron-chromium flow battery energy storage system
? 液流电池安全性好、寿命长，但电堆功率密度低、系统成本高，制约大规模推广
+ 采用高选择性非氟离子传导膜和改性碳毡电极，优化电堆流道与密封设计，提高电流密度和系统效率
! 工作电流密度≥{150..250}mA/cm²
! 系统能量效率≥{70..78}%
! 循环寿命≥{15000..20000}次
@ 新能源配储；电网侧储能；工业园区储能
k 液流电池 储能 电堆 离子传导膜 长时储能

* 压缩空气储能 | device
= 先进绝热压缩空气储能系统
~ Advanced adiabatic compressed air energy storage system
= 盐穴储气压缩空气储能设计技术
~ Design of compressed air energy storage in salt caverns
? 长时大规模储能需求迫切，传统压缩空气储能依赖燃料补燃、效率低，储气设施成本高
+ 采用多级压缩间冷与高温储热回热技术，实现无补燃运行，并结合地下盐穴储气降低系统造价
! 系统电-电转换效率≥{65..72}%
! 单机规模{100..300}MW
! 储能时长{4..8}小时
@ 电网调峰；新能源基地配储；废弃矿洞再利用
k 压缩空气储能 长时储能 储热 盐穴 电网调峰

* 海上风电 | device
= 漂浮式海上风电基础设计技术
~ Design technology for floating offshore wind foundations
= 大型风电叶片气动外形与结构优化
~ Aerodynamic and structural optimisation of large wind turbine blades
? 深远海风电固定式基础造价急剧上升，大兆瓦风机叶片长度超过百米，重量和载荷控制难度大
+ 提出半潜式浮式基础与系泊系统一体化设计方法，结合气动-结构耦合优化与碳玻混杂铺层设计叶片
! 适用水深{50..100}m以上
! 叶片减重{8..15}%
! 年发电量提升{3..6}%
@ 深远海风电；大兆瓦陆上风机；海洋牧场融合开发
k 海上风电 漂浮式 风电叶片 深远海 风机设计

* 熔盐储热 | process
= 塔式光热发电熔盐储热系统
~ Molten salt thermal storage for tower concentrated solar power plants
= 火电机组熔盐储热灵活性改造技术
~ Molten salt thermal storage retrofit for flexible coal-fired units
? 新能源出力波动大，火电机组深度调峰能力不足，储热熔盐存在高温腐蚀和凝固堵塞风险
+ 开发低熔点多元混合熔盐配方，设计单罐斜温层储热与防凝固伴热系统，实现电热协同调峰
! 熔盐使用温度{120..150}～{550..600}℃
! 储热效率≥{90..95}%
! 机组调峰深度提升{15..30}个百分点
@ 光热电站；火电灵活性改造；工业蒸汽供应
k 熔盐储热 光热发电 火电灵活性 储热 调峰

* 构网型储能变流器 | device
= 构网型储能变流器（PCS）
~ Grid-forming power conversion system (PCS) for energy storage
= 储能电站多时间尺度能量管理系统（EMS）
~ Multi-timescale energy management system (EMS) for battery storage stations
? 新能源高比例接入导致电网惯量下降，传统跟网型变流器在弱电网下易失稳，储能电站调度策略粗放
+ 采用虚拟同步机控制实现构网运行，提供惯量与一次调频支撑，并配合基于预测的多时间尺度能量管理策略
! 变流器效率≥{98.5..99.0}%
! 惯量响应时间≤{20..50}ms
! 电站综合收益提升{8..20}%
@ 新能源场站配储；微电网；海岛供电；工商业储能
k 储能变流器 PCS 构网型 EMS 虚拟同步机

* 虚拟电厂 | software
= 分布式资源聚合虚拟电厂运营平台
~ Virtual power plant platform aggregating distributed energy resources
= 工商业可调负荷精准预测与调控技术
~ Forecasting and control of adjustable commercial and industrial loads
? 分布式光伏、储能、充电桩和空调负荷数量多、单体小，难以参与电网调度和电力市场交易
+ 构建边缘终端加云平台架构，对海量可调资源进行聚合建模、负荷预测和优化调度，支持需求响应和现货市场报价
! 负荷预测准确率≥{92..96}%
! 调控指令响应时间≤{1..5}分钟
! 聚合容量≥{50..300}MW
@ 工业园区；商业楼宇；充电场站；售电公司
k 虚拟电厂 需求响应 负荷聚合 电力市场 分布式能源

* 中深层地热 | process
= 中深层地热“取热不取水”供暖技术
~ Mid-depth geothermal heating without groundwater extraction
= 深井同轴套管换热器闭式取热技术
~ Closed-loop heat extraction with deep coaxial borehole heat exchangers
? 地热开采取水回灌难，易造成地下水位下降和结垢，常规热泵供暖能效偏低
+ 采用深井同轴套管换热器闭式循环取热，配合保温内管和高温热泵梯级利用，实现稳定高效供暖
! 单井取热功率{300..800}kW
! 系统供暖COP≥{4.5..6.5}
! 单井供暖面积{2..5}万m²
@ 北方清洁供暖；园区供冷供热；温室大棚
k 地热 清洁供暖 取热不取水 热泵 可再生能源

* 生物质气化 | process
= 生物质气化耦合燃煤发电技术
~ Biomass gasification coupled with coal-fired power generation
= 农林废弃物热解制备生物炭联产燃气技术
~ Pyrolysis of agricultural and forestry residues for biochar and fuel gas
? 秸秆等生物质分散、能量密度低，直燃发电易结渣腐蚀，气化燃气焦油含量高、易堵塞管路
+ 采用循环流化床气化与焦油催化裂解技术，产出燃气送入燃煤锅炉掺烧，副产生物炭用于土壤改良
! 气化效率≥{75..82}%
! 燃气焦油含量≤{20..50}mg/Nm³
! 年替代标煤{1..5}万吨
@ 燃煤电厂掺烧；工业园区供热；农村清洁能源
k 生物质 气化 生物炭 掺烧 农林废弃物

* 固体氧化物燃料电池 | device
= 中温固体氧化物燃料电池（SOFC）电堆
~ Intermediate-temperature solid oxide fuel cell (SOFC) stack
= SOFC金属连接体防护涂层与电堆密封技术
~ Protective coatings for metallic interconnects and stack sealing for SOFCs
? 固体氧化物燃料电池工作温度高，电堆密封与热循环可靠性差、启动时间长，成本居高不下
+ 研制阳极支撑薄膜电解质单电池与金属连接体涂层，将工作温度降至650～750℃，并优化电堆密封结构
! 单电池功率密度≥{0.8..1.2}W/cm²（750℃）
! 发电效率≥{55..62}%
! 电堆衰减率≤{0.5..1.0}%/千小时
@ 分布式发电；数据中心备电；热电联供；船舶动力
k SOFC 固体氧化物 燃料电池 电堆密封 热电联供

* 有机液体储氢 | process
= 有机液体储氢与常温常压运输技术
~ Liquid organic hydrogen carrier storage and ambient-condition transport
= 有机液体储氢高效脱氢催化剂及反应器
~ Efficient dehydrogenation catalysts and reactors for liquid organic hydrogen carriers
? 高压气态储运氢运输效率低、安全要求高，液氢能耗大，制约氢能跨区域大规模输送
+ 以二苄基甲苯等有机液体为载体，开发高活性低贵金属加氢、脱氢催化剂和板式换热反应器
! 质量储氢密度≥{5.5..6.2}wt%
! 脱氢转化率≥{95..99}%
! 催化剂寿命≥{3000..5000}h
@ 氢气长距离运输；化工园区供氢；加氢站
k 有机液体储氢 LOHC 氢储运 脱氢催化剂 氢能

* 风电机组健康监测 | software
= 风电机组传动链故障预警系统
~ Drivetrain fault warning system for wind turbines
= 基于SCADA数据的风机性能评估与功率曲线优化
~ SCADA-based wind turbine performance assessment and power curve optimisation
? 风电机组齿轮箱、主轴承等大部件故障维修成本高、停机时间长，海上风电运维窗口期短
+ 融合振动监测、油液分析与SCADA运行数据构建数字孪生健康模型，实现故障早期识别和偏航对风优化
! 故障预警提前期≥{1..3}个月
! 预警准确率≥{85..93}%
! 发电量提升{1..3}%
@ 陆上风电场；海上风电场；风机整机厂商
k 风电 故障预警 SCADA 预测性维护 数字孪生

* 飞轮储能 | device
= 磁悬浮飞轮储能调频系统
~ Magnetic-levitation flywheel energy storage for frequency regulation
= 高速复合材料飞轮转子设计
~ Design of high-speed composite flywheel rotors
? 电网调频要求储能秒级响应、频繁充放电，化学电池循环寿命受限、衰减明显
+ 采用五自由度主动磁悬浮轴承与碳纤维复合材料转子，结合真空封装与高速电机控制技术
! 单机功率{250..1000}kW
! 响应时间≤{5..20}ms
! 循环寿命≥{1000..2000}万次
@ 火储联合调频；轨道交通再生制动能量回收；数据中心UPS
k 飞轮储能 磁悬浮 调频 复合材料转子 功率型储能

* 光伏清洗机器人 | device
= 光伏组件无水清洁机器人
~ Waterless cleaning robot for photovoltaic modules
= 光伏电站智能运维巡检系统
~ Intelligent O&M inspection system for photovoltaic plants
? 西北光伏电站积灰严重、水资源匮乏，人工清洗成本高，组件热斑和隐裂故障难以及时发现
+ 研制履带式无水清扫机器人并实现跨排自动转运，结合无人机红外巡检与AI识别定位故障组件
! 单次清洁率≥{99.0..99.5}%
! 单台日清扫面积≥{5000..8000}m²
! 发电量提升{5..12}%
@ 大型地面光伏电站；屋顶分布式光伏；农光互补
k 光伏清洗 机器人 智能运维 红外巡检 光伏电站

* 海洋能发电 | device
= 兆瓦级潮流能发电机组
~ Megawatt-scale tidal stream energy turbine
= 波浪能发电装置及海岛微电网供电系统
~ Wave energy converter and island microgrid power supply system
? 海岛供电依赖柴油发电，成本高、污染大，海洋能发电装置可靠性和转换效率不足
+ 采用水平轴变桨潮流能水轮机与直驱永磁发电机，优化防腐与密封设计，并构建海洋能-光伏-储能互补微电网
! 能量转换效率≥{35..45}%
! 单机功率{300..1600}kW
! 无故障运行≥{8000..15000}h
@ 海岛供电；海洋牧场；海洋观测平台
k 潮流能 波浪能 海洋能 海岛微电网 可再生能源
"""

_TECH_DATA["environment"] = """
* 厌氧氨氧化 | process
= 城市污水主流厌氧氨氧化脱氮技术
~ Mainstream anammox nitrogen removal for municipal wastewater
= 好氧颗粒污泥污水处理工艺
~ Aerobic granular sludge wastewater treatment process
? 传统硝化反硝化脱氮曝气能耗高、需投加碳源，污水厂提标改造用地紧张
+ 通过短程硝化稳定控制与厌氧氨氧化菌颗粒化富集实现低碳自养脱氮，并结合好氧颗粒污泥强化沉降性能
! 总氮去除率≥{80..90}%
! 曝气能耗降低{30..50}%
! 外加碳源节省{60..90}%
! 占地面积减少{20..40}%
@ 市政污水厂提标改造；垃圾渗滤液；养殖废水
k 厌氧氨氧化 污水处理 脱氮 好氧颗粒污泥 节能降耗

* 赤泥钢渣资源化 | process
= 钢渣与赤泥协同制备建材技术
~ Co-processing of steel slag and red mud into building materials
= 赤泥脱碱及有价金属回收技术
~ Dealkalisation of red mud and recovery of valuable metals
? 赤泥、钢渣堆存量大、碱性强，综合利用率低，长期堆存占用土地并带来环境风险
+ 采用钙化-碳化协同脱碱与磁选回收铁，剩余尾渣与钢渣复配制备胶凝材料和路基材料
! 赤泥脱碱后Na₂O含量≤{1.0..2.0}%
! 铁回收率≥{70..85}%
! 固废掺量≥{60..80}%
@ 氧化铝厂；钢铁企业；道路工程；装配式建筑
k 赤泥 钢渣 固废资源化 胶凝材料 大宗固废

* VOCs治理 | process
= 沸石转轮吸附浓缩加RTO组合VOCs治理技术
~ Zeolite rotor concentration combined with RTO for VOC abatement
= 非贵金属低温催化氧化VOCs治理技术
~ Low-temperature catalytic oxidation of VOCs over non-noble-metal catalysts
? 涂装、印刷等行业VOCs排放风量大、浓度低，直接焚烧能耗高，活性炭吸附更换频繁且产生危废
+ 采用疏水沸石转轮吸附浓缩{10..20}倍后进入蓄热式焚烧，并研制非贵金属低温催化剂以降低起燃温度
! VOCs去除率≥{95..99}%
! 热回收效率≥{90..96}%
! 催化剂起燃温度≤{180..250}℃
@ 汽车涂装；包装印刷；化工园区；电子制造
k VOCs 沸石转轮 RTO 催化氧化 大气治理

* 低温SCR脱硝 | process
= 非电行业低温SCR脱硝催化剂
~ Low-temperature SCR denitrification catalysts for non-power industries
= 焦炉烟气脱硫脱硝一体化技术
~ Integrated desulphurisation and denitrification of coke oven flue gas
? 钢铁、焦化、水泥等行业烟气温度低、含硫含尘，常规钒钛催化剂低温活性差、易中毒
+ 研制锰铈复合氧化物低温催化剂并进行抗硫抗水改性，结合活性焦吸附实现脱硫脱硝一体化
! {160..220}℃下脱硝效率≥{85..95}%
! 抗SO₂中毒稳定运行≥{3000..8000}h
! NOx排放≤{30..50}mg/m³
@ 钢铁烧结；焦化；水泥窑；玻璃窑炉
k 脱硝 SCR 低温催化剂 超低排放 烟气治理

* 污染土壤修复 | process
= 重金属污染农田土壤钝化修复技术
~ Immobilisation remediation of heavy-metal-contaminated farmland soil
= 有机污染场地原位热脱附修复技术
~ In-situ thermal desorption for organically contaminated sites
? 镉、砷等重金属污染农田面积大，客土换土成本高，有机污染场地异位修复二次污染风险大
+ 开发改性生物炭-矿物复合钝化剂降低重金属有效态，并采用燃气或电加热原位热脱附处理有机污染场地
! 土壤有效态镉降低{40..70}%
! 稻米镉含量达标率≥{90..98}%
! 有机污染物去除率≥{95..99}%
@ 污染农田安全利用；化工搬迁场地；矿区修复
k 土壤修复 重金属 钝化剂 热脱附 污染场地

* 高盐废水零排放 | process
= 高盐废水分盐结晶零排放技术
~ Salt-separating crystallisation for zero liquid discharge of high-salinity wastewater
= 耐污染纳滤膜及膜法浓缩技术
~ Fouling-resistant nanofiltration membranes and membrane concentration
? 煤化工、电厂高盐废水蒸发结晶能耗高，产出的杂盐属危废，处置费用高
+ 采用纳滤分盐与高压反渗透浓缩减量，配合MVR蒸发与冷冻结晶，产出可资源化的工业级氯化钠和硫酸钠
! 产水回收率≥{95..98}%
! 氯化钠纯度≥{97.5..99.0}%
! 吨水能耗降低{20..40}%
@ 煤化工；火电脱硫废水；印染；锂电材料
k 零排放 分盐结晶 MVR 纳滤 高盐废水

* 餐厨垃圾处理 | process
= 餐厨垃圾高效厌氧消化产沼技术
~ High-efficiency anaerobic digestion of food waste for biogas
= 餐厨垃圾黑水虻生物转化技术
~ Black soldier fly bioconversion of food waste
? 餐厨垃圾含水率高、易酸化，厌氧消化系统运行不稳定，沼渣出路难
+ 采用预处理除杂与湿热水解，结合两相厌氧消化和微量元素调控防止酸化，沼渣通过黑水虻转化为高蛋白饲料
! 有机质降解率≥{70..85}%
! 吨垃圾产沼气≥{80..120}m³
! 虫体粗蛋白含量≥{40..50}%
@ 城市餐厨垃圾处理厂；农贸市场；食品加工企业
k 餐厨垃圾 厌氧消化 沼气 黑水虻 有机固废

* 碳捕集利用 | process
= 低能耗相变吸收剂燃烧后碳捕集技术
~ Post-combustion carbon capture with low-energy phase-change absorbents
= 二氧化碳矿化利用制备建材技术
~ CO₂ mineralisation for building materials
? 传统乙醇胺法碳捕集再生能耗高、溶剂降解严重，捕集成本居高不下
+ 研发相变型复合胺吸收剂，吸收CO₂后分层，仅富液相进入再生塔，并利用钢渣、电石渣等碱性固废矿化固碳
! 再生能耗≤{2.0..2.6}GJ/tCO₂
! 捕集率≥{90..95}%
! 捕集成本≤{200..300}元/吨
@ 燃煤电厂；水泥窑；钢铁；化工
k 碳捕集 CCUS 相变吸收剂 矿化 双碳

* 磁悬浮鼓风机 | device
= 高速磁悬浮离心鼓风机
~ High-speed magnetic-levitation centrifugal blower
= 空气悬浮离心式空压机
~ Air-bearing centrifugal air compressor
? 污水处理曝气和工业供气中罗茨风机、多级离心风机效率低、噪声大、维护频繁
+ 采用主动磁悬浮轴承与高速永磁电机直驱叶轮，取消齿轮箱和润滑系统，并结合智能变频控制
! 节能{20..35}%
! 最高转速≥{30000..60000}r/min
! 噪声≤{75..80}dB(A)
@ 污水处理曝气；水泥输送；发酵供气；纺织
k 磁悬浮 鼓风机 节能 高速电机 空压机

* ORC余热发电 | device
= 有机朗肯循环（ORC）低温余热发电技术
~ Organic Rankine cycle (ORC) power generation from low-temperature waste heat
= 工业余热梯级回收利用系统
~ Cascade recovery system for industrial waste heat
? 冶金、化工等行业大量80～200℃低温余热直接排放，常规蒸汽发电无法经济回收
+ 优选环保有机工质，研制高效向心透平与板式蒸发器，构建余热发电与热泵供热梯级利用系统
! 发电效率≥{8..14}%
! 装机规模{200..2000}kW
! 投资回收期≤{3..5}年
@ 钢铁冲渣水；水泥窑；石化；地热发电
k ORC 余热发电 有机朗肯循环 节能 余热回收

* 焚烧飞灰处置 | process
= 垃圾焚烧飞灰等离子体熔融玻璃化技术
~ Plasma melting vitrification of municipal waste incineration fly ash
= 飞灰水洗脱氯资源化技术
~ Washing dechlorination and recycling of fly ash
? 垃圾焚烧飞灰含二噁英和重金属，填埋库容紧张，固化稳定化后增容明显
+ 采用等离子体高温熔融彻底分解二噁英并将重金属固溶于玻璃体，或经多级水洗脱氯后用作水泥原料
! 二噁英分解率≥{99.90..99.99}%
! 减容率≥{60..75}%
! 玻璃体重金属浸出浓度低于标准限值的{5..20}%
@ 垃圾焚烧厂；危废处置中心；水泥窑协同处置
k 飞灰 等离子体熔融 危废处置 二噁英 资源化

* 水质在线监测 | device
= 多参数水质在线监测微型站
~ Micro multi-parameter online water quality monitoring station
= 基于光谱法的COD与氨氮免试剂快速检测技术
~ Reagent-free spectroscopic rapid detection of COD and ammonia nitrogen
? 传统水质监测站建设成本高、运维复杂，化学法分析产生二次污染，难以实现河湖网格化监测
+ 采用紫外-可见全光谱与荧光光谱结合机器学习反演多参数浓度，集成自清洁探头与太阳能供电
! COD测量误差≤±{5..10}%
! 免试剂运维周期≥{1..3}个月
! 单站成本为传统站的{15..30}%
@ 河长制网格监测；污水厂进出水；工业园区排口；水产养殖
k 水质监测 光谱分析 在线监测 免试剂 物联网

* 污泥干化 | process
= 低温除湿热泵污泥干化技术
~ Low-temperature dehumidifying heat-pump sludge drying
= 污泥深度脱水与电厂协同焚烧技术
~ Deep dewatering of sludge and co-incineration in power plants
? 市政污泥含水率高达80%，传统热干化能耗高、臭气严重，污泥处置成本在污水厂运行费用中占比大
+ 采用高效调理剂与板框深度脱水，再经闭式热泵低温干化实现热量循环利用，干污泥进入电厂协同焚烧
! 出泥含水率≤{10..40}%
! 吨水蒸发能耗≤{200..300}kWh
! 臭气排放满足GB 14554二级标准
@ 市政污水厂；印染污泥；造纸污泥；电厂协同处置
k 污泥干化 热泵 深度脱水 协同焚烧 节能

* 农村分散式污水 | process
= 农村分散式生活污水一体化处理设备
~ Integrated treatment equipment for decentralised rural domestic sewage
= 人工湿地与生态塘组合处理技术
~ Combined constructed wetland and ecological pond treatment
? 农村生活污水分散、水量波动大，集中管网建设成本高，小型设备运维缺乏专业人员
+ 采用A/O-MBBR生物膜工艺一体化设备，结合太阳能供电和远程运维平台，出水进入人工湿地深度净化
! 出水稳定达到一级A标准
! 吨水运行成本≤{0.3..0.6}元
! 无人值守运行，远程运维覆盖≥{100..500}个站点
@ 美丽乡村；旅游景区；高速服务区；农家乐
k 农村污水 分散式处理 MBBR 人工湿地 远程运维

* 建筑垃圾再生 | process
= 建筑垃圾再生骨料高值化利用技术
~ High-value use of recycled aggregates from construction waste
= 再生微粉活性激发技术
~ Activation of recycled fine powder from construction waste
? 建筑垃圾再生骨料吸水率高、强度低，只能用于低等级路基，再生微粉利用率低
+ 采用机械整形与纳米二氧化硅浸渍强化处理再生骨料，并通过碱激发提升再生微粉活性，制备再生混凝土及预制构件
! 再生骨料吸水率降低{30..50}%
! 再生混凝土强度等级达C{30..40}
! 再生微粉活性指数≥{70..85}%
@ 市政道路；装配式建筑；城市更新；园林景观
k 建筑垃圾 再生骨料 固废利用 再生混凝土 城市更新

* 废塑料化学回收 | process
= 废塑料催化热解制油技术
~ Catalytic pyrolysis of waste plastics to oil
= 废旧PET化学解聚再生技术
~ Chemical depolymerisation and recycling of waste PET
? 混合废塑料物理回收品质低、价值低，大量被填埋或焚烧，PET再生料难以达到食品级要求
+ 采用分子筛催化热解将混合废塑料转化为轻质油品，PET经醇解解聚为单体后提纯再聚合
! 热解油收率≥{70..85}%
! PET解聚单体纯度≥{99.5..99.9}%
! 再生PET达到食品接触级要求
@ 再生资源企业；石化企业；纺织化纤；饮料包装
k 废塑料 化学回收 催化热解 PET 循环经济

* 大气网格化监测 | software
= 工业园区大气污染网格化监测与溯源系统
~ Grid-based air pollution monitoring and source tracing for industrial parks
= 基于走航监测的VOCs污染溯源技术
~ VOC pollution source tracing based on mobile monitoring
? 园区排污企业多、无组织排放隐蔽，传统国控站点稀疏，污染事件难以快速定位责任源
+ 布设低成本微型传感网络并结合走航质谱监测，利用扩散模型反演与机器学习快速溯源
! 微站数据与标准站相关系数≥{0.85..0.95}
! 溯源定位精度≤{100..300}m
! 异常响应时间≤{5..15}分钟
@ 化工园区；工业集聚区；城市大气治理；环境执法
k 大气监测 网格化 污染溯源 走航监测 智慧环保

* 主动降噪 | device
= 工业设备低频噪声主动控制技术
~ Active control of low-frequency noise from industrial equipment
= 变电站低频噪声综合治理技术
~ Comprehensive low-frequency noise control for substations
? 变压器、风机等设备低频噪声穿透力强，传统吸隔声材料对低频效果差且体积大
+ 采用自适应前馈-反馈混合主动降噪算法与声学超材料结构相结合，实现低频噪声宽带抑制
! {50..500}Hz低频段降噪≥{10..20}dB
! 超材料厚度≤{5..10}cm
! 系统功耗≤{100..300}W
@ 变电站；工业厂界；数据中心；轨道交通车厢
k 主动降噪 噪声治理 声学超材料 低频噪声 ANC
"""

_TECH_DATA["digital_creative"] = """
* 数字孪生工厂 | software
= 基于数字孪生的离散制造车间可视化管控平台
~ Digital-twin visual management platform for discrete manufacturing workshops
= 流程工业数字孪生仿真与优化技术
~ Digital-twin simulation and optimisation for process industries
? 车间设备、物流和生产数据分散在不同系统中，管理人员无法直观掌握现场状态，产线调整依赖试错
+ 基于轻量化三维引擎构建车间高保真孪生模型，实时接入MES、PLC数据，并嵌入离散事件仿真进行排产推演
! 模型轻量化压缩率≥{80..95}%
! 数据刷新延迟≤{1..3}秒
! 产线规划验证周期缩短{30..60}%
@ 汽车总装；电子制造；化工装置；仓储物流
k 数字孪生 三维可视化 仿真 智能工厂 MES

* 城市信息模型 | software
= 城市信息模型（CIM）基础平台
~ City information modelling (CIM) base platform
= 倾斜摄影与BIM融合的实景三维建模技术
~ Reality-based 3D modelling fusing oblique photography and BIM
? 城市规划、建设、管理数据标准不一，二三维数据难以融合，海量模型加载卡顿
+ 采用多源异构数据统一时空基准与分级LOD组织，结合WebGL流式加载，实现城市级模型高效渲染与分析
! 支持{1000..5000}km²实景模型流畅浏览
! 兼容BIM模型格式≥{20..40}种
! 首屏加载≤{3..8}秒
@ 智慧城市；规划审批；城市更新；应急管理
k CIM BIM 实景三维 倾斜摄影 智慧城市

* VR实训 | software
= 面向职业教育的虚拟现实实训系统
~ Virtual reality training system for vocational education
= 高危作业VR安全培训与考核平台
~ VR safety training and assessment platform for high-risk operations
? 电力、化工等高危行业实操培训成本高、风险大，真实设备无法频繁拆装，事故场景无法复现
+ 基于物理引擎还原设备结构与操作逻辑，设计多人协同与事故演练场景，并通过操作数据自动评分
! 单场景开发周期缩短{30..50}%
! 支持{10..50}人多人协同
! 培训考核通过率提升{20..40}%
@ 职业院校；电力运维；化工安全培训；医学教育
k 虚拟现实 VR 实训 安全培训 职业教育

* 文物数字化 | software
= 不可移动文物高精度三维数字化技术
~ High-precision 3D digitisation of immovable cultural relics
= 壁画色彩数字化采集与虚拟修复技术
~ Digital colour capture and virtual restoration of murals
? 石窟、壁画等文物受风化侵蚀，传统测绘精度不足、色彩采集失真，数字资源难以永久保存和活化利用
+ 融合激光扫描、近景摄影测量与多光谱成像，
+ 建立高精度三维模型和真实色彩档案，并基于深度学习进行病害识别和虚拟修复
! 三维模型精度≤{0.05..0.20}mm
! 色差ΔE≤{1.5..3.0}
! 病害识别准确率≥{88..95}%
@ 石窟寺保护；博物馆数字展陈；考古发掘记录；文创开发
k 文物数字化 三维扫描 多光谱 虚拟修复 文化遗产

* 虚拟数字人 | software
= 超写实虚拟数字人实时驱动技术
~ Real-time driving of hyper-realistic virtual humans
= 基于大模型的交互式数字人客服系统
~ LLM-powered interactive digital human customer service system
? 超写实数字人制作周期长、成本高，表情动作驱动依赖昂贵的动捕设备，交互能力弱
+ 基于单目视频的面部表情与唇形驱动算法，结合语音合成和大模型对话，实现低成本实时交互
! 唇音同步误差≤{40..80}ms
! 单个形象制作周期≤{3..7}天
! 端到端交互延迟≤{1..2}秒
@ 电商直播；政务服务大厅；银行网点；文旅导览
k 数字人 虚拟主播 表情驱动 语音合成 大模型

* 无标记动作捕捉 | software
= 多视角无标记动作捕捉系统
~ Multi-view markerless motion capture system
= 单目视频人体三维姿态估计技术
~ 3D human pose estimation from monocular video
? 光学动捕需穿戴反光标记，设备昂贵、场地受限，中小动画工作室和体育训练难以承受
+ 基于多相机同步标定与深度学习三维姿态估计，结合物理约束优化消除抖动和脚步滑动
! 关节位置误差≤{15..30}mm
! 实时输出帧率≥{30..60}fps
! {4..8}台相机即可覆盖{20..50}m²场地
@ 动画制作；体育训练分析；康复评估；虚拟直播
k 动作捕捉 姿态估计 计算机视觉 动画 无标记

* AIGC游戏美术 | software
= 面向游戏美术的AIGC风格化资产生成工具
~ AIGC tool for generating stylised game art assets
= 文本驱动的三维模型生成技术
~ Text-driven 3D model generation
? 游戏和动漫美术资产制作人力成本高、周期长，通用生成模型风格不可控、版权来源不清
+ 基于自有授权数据训练风格化扩散模型，支持线稿控制、多视角一致生成及三维网格输出，并内置数字水印
! 概念图出图效率提升{5..10}倍
! 风格一致性评分≥{85..92}%
! 三维模型生成时间≤{1..5}分钟
@ 游戏开发；动漫制作；广告设计；文创产品
k AIGC 扩散模型 游戏美术 三维生成 数字水印

* 沉浸式展陈 | software
= 沉浸式光影互动展陈系统
~ Immersive interactive light-and-shadow exhibition system
= 多投影融合与空间交互技术
~ Multi-projector blending and spatial interaction technology
? 传统展馆以图文展板为主，观众参与感弱，多投影拼接存在色差和接缝，内容更新成本高
+ 采用多投影几何校正与边缘融合，结合雷达和深度相机的空间交互识别，内容基于实时渲染引擎快速更新
! 支持{8..32}台投影无缝融合
! 交互响应延迟≤{50..100}ms
! 内容更新周期缩短{50..70}%
@ 博物馆；文旅夜游；企业展厅；主题乐园
k 沉浸式 光影互动 投影融合 数字展陈 文旅

* 超高清视频 | software
= 基于AI的老旧影视超分辨率修复技术
~ AI super-resolution restoration of old film and television footage
= 标清视频智能转制4K超高清技术
~ Intelligent conversion of standard-definition video to 4K ultra-high definition
? 老旧影视资料分辨率低、噪点划痕多，人工逐帧修复成本高、周期长，难以满足4K/8K超高清频道的片源需求
+ 基于深度学习构建超分辨率、去噪、去划痕与帧插值一体化修复模型，支持HDR色彩映射，并针对AVS3编码进行画质优化
! 修复效率较人工提升{20..50}倍
! 主观画质评分提升{1.0..1.5}分（5分制）
! 支持4K/8K {50|60}fps输出
! 单卡处理速度≥{2..6}倍实时（标清转4K）
@ 广播电视；影视资料馆；视频平台；档案馆
k 超高清 超分辨率 视频修复 AVS3 4K

* 三维场景重建 | software
= 基于三维高斯泼溅的场景快速重建技术
~ Fast scene reconstruction based on 3D Gaussian splatting
= 基于手机视频的实景三维快速建模技术
~ Rapid reality-based 3D modelling from smartphone video
? 传统摄影测量建模对弱纹理、反光区域效果差，模型面数大、渲染不真实，难以用于实时浏览
+ 基于三维高斯泼溅表示场景，结合分块训练和层次化细节管理，从手机或无人机影像快速重建可实时渲染的场景
! 单场景重建时间≤{10..60}分钟
! 渲染帧率≥{60..120}fps
! 峰值信噪比PSNR≥{27..32}dB
@ 文旅景区；房产展示；电商商品展示；影视场景
k 三维重建 高斯泼溅 NeRF 实景渲染 计算机图形学

* 虚拟制片 | software
= LED虚拟制片实时渲染与摄影机追踪技术
~ Real-time rendering and camera tracking for LED virtual production
= 影视预演可视化系统
~ Previsualisation system for film production
? 绿幕拍摄后期合成工作量大、演员缺乏沉浸感，外景拍摄受天气和场地限制
+ 采用高精度光学摄影机追踪与视锥体透视校正，实现LED墙背景随机位实时渲染，并统一色彩管理
! 追踪延迟≤{1..3}帧
! 定位精度≤{0.5..1.0}mm
! 后期合成工作量减少{40..70}%
@ 影视剧拍摄；广告片；直播演播室；短视频
k 虚拟制片 LED墙 摄影机追踪 实时渲染 影视工业

* 空间音频 | software
= 沉浸式三维空间音频渲染技术
~ Immersive 3D spatial audio rendering
= 个性化头相关传递函数（HRTF）快速建模
~ Rapid modelling of personalised head-related transfer functions (HRTF)
? 耳机和车载音响播放缺乏声场方位感，通用HRTF个体差异大，导致声像定位不准
+ 基于耳廓图像快速预测个性化HRTF，结合高阶Ambisonics编解码与头部追踪，实现动态沉浸式声场
! 声像定位误差≤{5..15}°
! 渲染延迟≤{10..20}ms
! 个性化建模时间≤{1..5}分钟
@ 虚拟现实；车载音响；影视后期；游戏
k 空间音频 HRTF 三维声 沉浸式 音频处理

* 古籍数字化 | software
= 古籍文字智能识别与全文检索系统
~ Intelligent character recognition and full-text retrieval for ancient books
= 古籍自动标点与命名实体识别技术
~ Automatic punctuation and named-entity recognition for classical Chinese texts
? 古籍版式复杂、异体字多，通用OCR识别率低，人工录入和标点校对效率极低
+ 构建覆盖{2..5}万字符的古籍字库，采用版面分析与序列识别模型，并利用古汉语预训练模型实现自动标点和实体标注
! 字符识别准确率≥{95..98}%
! 自动标点F1值≥{85..92}%
! 处理速度≥{500..2000}页/小时
@ 图书馆古籍保护；出版社；地方志整理；数字人文研究
k 古籍数字化 OCR 自动标点 数字人文 古汉语

* 非遗纹样数字化 | software
= 非遗纹样数字化采集与智能生成技术
~ Digital capture and intelligent generation of intangible-heritage patterns
= 刺绣针法数字化与智能制版技术
~ Digitisation of embroidery stitches and intelligent pattern making
? 传统纹样和技艺依赖口传心授，图样资料散失严重，文创开发设计周期长、同质化明显
+ 建立非遗纹样矢量化数据库与构形规则，利用生成模型进行纹样再设计，并自动转换为数码刺绣、印花制版文件
! 纹样数据库收录≥{5000..20000}幅
! 矢量化还原精度≥{95..99}%
! 设计打样周期缩短{50..70}%
@ 文创产品；服装家纺；旅游纪念品；非遗传承教学
k 非遗 纹样 数字化 文创设计 刺绣

* 光场显示 | device
= 裸眼3D光场显示技术
~ Glasses-free 3D light field display
= 桌面式全息交互显示终端
~ Desktop holographic interactive display terminal
? 佩戴式3D显示存在眩晕和不便问题，现有裸眼3D视点少、分辨率损失大、观看区域窄
+ 采用柱透镜阵列与人眼追踪动态视点调整，结合多视点实时渲染算法，提高视点数量与观看舒适度
! 视点数≥{30..90}个
! 观看视角≥{40..70}°
! 景深≥{20..50}cm
@ 医疗影像；工业设计评审；展览展示；教育
k 裸眼3D 光场显示 人眼追踪 全息 三维显示

* 数字版权保护 | software
= 基于区块链的数字作品版权登记与维权平台
~ Blockchain-based copyright registration and enforcement platform for digital works
= 鲁棒视频数字水印技术
~ Robust digital watermarking for video
? 数字作品侵权盗版成本低、取证难，传统版权登记周期长，短视频二次剪辑后难以追踪来源
+ 采用抗剪辑、抗转码的频域数字水印与内容指纹，结合区块链存证和全网监测，实现确权、监测、取证全流程覆盖
! 码率压缩至{20..30}%后水印仍可提取
! 侵权监测准确率≥{95..99}%
! 确权存证时间≤{1..5}秒
@ 网络文学；短视频；数字藏品；摄影图库
k 数字版权 数字水印 区块链存证 内容指纹 维权

* 严肃游戏 | software
= 面向儿童注意力训练的严肃游戏
~ Serious games for attention training in children
= 游戏化老年认知康复训练系统
~ Gamified cognitive rehabilitation training system for older adults
? 注意力缺陷和认知障碍的传统训练方式枯燥、依从性差，训练效果缺乏客观量化评估
+ 结合认知心理学范式设计游戏关卡，利用眼动和行为数据自适应调整难度，并生成量化评估报告
! 训练依从率提升{30..60}%
! 注意力测评指标改善{15..30}%
! 支持{10..30}项认知维度评估
@ 儿童康复机构；养老院；社区卫生服务中心；学校
k 严肃游戏 游戏化 认知训练 注意力 数字疗法

* 全景直播 | software
= 8K VR全景直播系统
~ 8K VR panoramic live-streaming system
= 全景视频实时拼接与视角自适应传输技术
~ Real-time panoramic video stitching and viewport-adaptive streaming
? VR全景直播画面拼接缝明显，高分辨率全景视频带宽占用大，用户观看卡顿、清晰度低
+ 采用基于光流的实时拼接消除视差，结合视角自适应分块编码，仅高清传输用户正在观看的区域
! 拼接处理延迟≤{100..300}ms
! 带宽节省{40..60}%
! 端到端直播延迟≤{2..5}秒
@ 体育赛事；演唱会；文旅景区直播；远程教育
k 全景直播 VR 视频拼接 视角自适应 8K
"""

_TECH_DATA["services"] = """
* 汽车零部件可靠性检测 | service | know_how software
= 新能源汽车电驱系统可靠性测试评价方法
~ Reliability test and evaluation method for electric drive systems of new energy vehicles
= 汽车零部件多轴振动耐久试验技术服务
~ Multi-axis vibration durability testing services for automotive components
? 整车企业对零部件可靠性要求不断提高，企业自建试验室投入大、试验周期长，且缺乏与实际工况关联的加速方法
+ 基于实车道路载荷谱采集与损伤等效原理编制加速试验谱，
+ 配备多轴振动台和高低温湿热综合试验系统，提供一站式验证服务
! 试验周期缩短{30..50}%
! 温度范围-{40..70}℃～{150..180}℃
! 加速试验与道路失效模式一致率≥{85..95}%
@ 电驱总成；电池包；汽车电子；底盘零部件
k 可靠性试验 检验检测 加速试验 振动试验 载荷谱

* 专利导航 | service
= 产业专利导航分析与高价值专利培育服务
~ Industry patent navigation analysis and high-value patent cultivation services
= 基于大数据的专利价值评估模型
~ Big-data-based patent valuation model
? 企业研发立项缺乏专利情报支撑，重复研发和侵权风险高，高校专利数量多但质量参差不齐、转化率低
+ 构建覆盖全球{1..2}亿件专利的数据库，结合文本语义分析和引证网络，
+ 形成技术路线图、侵权风险预警和专利价值评估模型
! 专利检索查全率≥{85..95}%
! 价值评估结果与实际交易价格相关系数≥{0.70..0.85}
! 单项导航报告周期≤{15..30}个工作日
@ 企业研发立项；高校专利转化；地方产业规划；投融资尽调
k 专利导航 知识产权运营 专利评估 高价值专利 技术路线图

* 工业设计 | service | design design utility_model
= 医疗器械人因工程与工业设计服务
~ Human factors engineering and industrial design services for medical devices
= 智能装备外观与人机交互一体化设计
~ Integrated exterior and human-machine interface design for intelligent equipment
? 国产设备功能完备但外观粗糙、操作复杂，人因问题导致使用差错，影响产品溢价和注册审评
+ 依托人因工程实验室开展用户研究、任务分析与可用性测试，形成外观、结构与交互界面一体化设计方案
! 用户操作差错率降低{30..60}%
! 设计方案交付周期≤{30..60}天
! 累计获国内外设计奖项{5..20}项
@ 医疗器械；工程机械驾驶室；智能家电；机器人
k 工业设计 人因工程 可用性测试 交互设计 外观设计

* 计量校准 | service | invention utility_model software
= 在线式传感器远程校准技术
~ Remote calibration of in-line sensors
= 电动汽车充电桩现场检定装置
~ On-site verification device for electric vehicle chargers
? 工业现场大量传感器需定期拆卸送检，停产损失大，充电桩计量检定设备笨重、效率低
+ 研制可溯源的便携式标准器和远程校准系统，通过数字证书与物联网实现在线比对与量值传递
! 校准不确定度≤{0.02..0.10}%
! 单桩检定时间≤{10..20}分钟
! 停产送检时间减少{70..90}%
@ 石化；电力；充电运营商；制药
k 计量校准 量值溯源 远程校准 充电桩检定 测量不确定度

* 概念验证 | service
= 高校科技成果概念验证服务体系
~ Proof-of-concept service system for university research results
= 科技成果价值评价与转化路径设计方法
~ Value assessment and transfer pathway design for research results
? 高校科技成果多停留在论文和样品阶段，与市场需求脱节，企业和投资机构难以判断其技术与商业可行性
+ 建立“技术评估-市场验证-原型开发-商业计划”四阶段概念验证流程，
+ 联合行业专家与投资机构开展成果评价与转化路径设计
! 已评估项目{200..500}项
! 完成概念验证的项目转化率≥{20..40}%
! 单项目验证周期{3..6}个月
@ 高校技术转移机构；地方科技部门；产业园区；早期投资机构
k 概念验证 技术转移 成果评价 科技成果转化 孵化

* 标准研制 | service
= 团体标准与行业标准研制服务
~ Development services for association and industry standards
= 企业标准体系与标准化良好行为建设
~ Building enterprise standard systems and good standardisation practice
? 中小企业缺乏标准化人才，技术优势难以通过标准转化为市场话语权，参与国际标准的能力弱
+ 提供标准需求分析、试验验证、文本起草、征求意见与发布实施全流程服务，并建立标准与专利协同布局方法
! 主导和参与制定标准{30..120}项
! 标准研制周期缩短{20..40}%
! 服务企业{50..300}家
@ 装备制造；新材料；食品；数字经济
k 标准化 团体标准 标准研制 标准必要专利 质量基础设施

* 碳足迹核算 | service
= 产品碳足迹核算与碳标签认证服务
~ Product carbon footprint accounting and carbon labelling services
= 企业温室气体排放在线监测核算平台
~ Online greenhouse gas monitoring and accounting platform for enterprises
? 欧盟碳边境调节机制和新电池法规要求出口产品提供碳足迹数据，企业缺乏核算能力和本地化排放因子数据库
+ 依据ISO 14067和PAS 2050方法，建立覆盖{20..40}个行业的本地化排放因子库，开发在线核算工具并提供第三方核查
! 排放因子数据{3..10}万条
! 单产品核算周期≤{10..20}个工作日
! 核算结果与国际主流数据库偏差≤{5..10}%
@ 动力电池出口；光伏组件；钢铁铝材；纺织服装
k 碳足迹 碳标签 LCA 生命周期评价 CBAM

* 中试熟化平台 | service | invention know_how utility_model
= 化工新材料中试熟化公共服务平台
~ Public pilot-scale maturation platform for new chemical materials
= 连续流微反应工艺开发服务
~ Continuous-flow microreaction process development services
? 化工新材料实验室成果放大风险高，企业自建中试装置投资大、审批周期长，大量成果卡在中试环节
+ 建设多功能柔性中试装置和连续流微通道反应平台，提供工艺放大、安全评估、工程设计一体化服务
! 放大倍数≥{100..1000}倍
! 工艺开发周期缩短{40..60}%
! 累计完成中试项目{30..150}项
@ 精细化工；医药中间体；电子化学品；高分子材料
k 中试 工艺放大 微反应 连续流 化工新材料

* 电磁兼容检测 | service
= 新能源汽车电磁兼容（EMC）测试与整改服务
~ EMC testing and remediation services for new energy vehicles
= 电力电子设备EMC仿真与干扰源诊断技术
~ EMC simulation and interference source diagnosis for power electronic equipment
? 高压电驱和充电系统电磁干扰问题突出，企业产品认证测试不通过后整改缺乏方向，反复送测周期长
+ 基于电磁场仿真与近场扫描定位干扰源，建立典型整改措施数据库，提供预测试、诊断、整改与认证测试闭环服务
! 整改后一次通过率≥{80..95}%
! 测试频率范围9kHz～{6|18|40}GHz
! 整改周期缩短{40..60}%
@ 电动汽车；充电桩；光伏逆变器；医疗电子
k EMC 电磁兼容 检验检测 干扰诊断 认证测试

* 材料失效分析 | service
= 金属构件失效分析与剩余寿命评估服务
~ Failure analysis and remaining-life assessment services for metal components
= 电子元器件失效分析技术
~ Failure analysis of electronic components
? 关键零部件突发断裂、腐蚀失效造成停产和安全事故，企业缺乏专业分析手段，难以找准根本原因
+ 综合运用断口分析、金相、能谱、无损检测与有限元模拟，给出失效机理判定、改进措施和剩余寿命评估
! 常规失效分析报告≤{5..10}个工作日
! 剩余寿命评估误差≤{10..20}%
! 累计完成案例{1000..3000}余项
@ 电力装备；石化压力容器；汽车零部件；半导体封装
k 失效分析 断口分析 寿命评估 检验检测 金相

* 药物评价CRO | service
= 创新药临床前药代动力学评价服务
~ Preclinical pharmacokinetic evaluation services for innovative drugs
= 生物药分析方法开发与验证服务
~ Analytical method development and validation services for biologics
? 创新药企业早期资金有限，自建药代与分析平台成本高，申报资料又需符合国内外监管要求
+ 依托GLP合规实验室，采用LC-MS/MS定量分析与生理药代模型，提供药代、组织分布、代谢产物鉴定和方法学验证服务
! 定量下限≤{0.1..1.0}ng/mL
! 项目交付周期{2..6}周
! 数据符合NMPA、FDA申报要求
@ 小分子创新药；抗体药物；中药新药；医疗器械生物相容性
k CRO 药代动力学 临床前评价 LC-MS 方法学验证

* 网络安全测评 | service
= 网络安全等级保护测评服务
~ Cybersecurity classified protection (MLPS) assessment services
= 工业控制系统渗透测试与风险评估
~ Penetration testing and risk assessment for industrial control systems
? 企业对等保2.0要求理解不足，工控系统长期带病运行，安全漏洞底数不清
+ 建立覆盖云计算、物联网、工控扩展要求的测评指标库，结合工控靶场开展渗透测试和漏洞挖掘
! 测评项覆盖{200..300}余项
! 单系统测评周期≤{10..20}个工作日
! 平均每个系统发现高危漏洞{3..10}个
@ 电力；水务；医院；政务系统
k 等保测评 网络安全 渗透测试 工控安全 风险评估

* 技术竞争情报 | service
= 产业技术竞争情报分析服务
~ Industrial technology competitive intelligence services
= 面向招商的产业链图谱与企业画像系统
~ Industrial-chain mapping and company profiling system for investment promotion
? 地方政府和企业在产业规划、招商和技术布局中缺乏系统的情报支撑，决策依赖经验
+ 整合专利、论文、投融资、招投标等多源数据，构建产业链图谱和企业创新能力评价模型，定期输出竞争情报报告
! 覆盖企业{300..800}万家
! 产业链图谱细分至{100..300}个环节
! 情报报告更新周期{1..4}周
@ 地方产业规划；园区招商；企业战略；投资机构
k 竞争情报 产业链图谱 企业画像 招商 大数据

* 食品快速检测 | service | invention utility_model know_how
= 食品中农兽药残留快速检测技术
~ Rapid detection of pesticide and veterinary drug residues in food
= 基于表面增强拉曼的食品安全现场检测
~ On-site food safety testing based on surface-enhanced Raman spectroscopy
? 农贸市场和食品企业抽检频次高，实验室仪器法周期长、成本高，现有胶体金试纸灵敏度和定量能力不足
+ 开发荧光微球免疫层析与表面增强拉曼光谱快检方法，配合便携式读数仪实现现场定量检测和数据上传
! 单样检测时间≤{5..15}分钟
! 检出限达到国标限量的{1/5|1/10}
! 与仪器法符合率≥{92..98}%
@ 农贸市场；食品生产企业；学校食堂；海关口岸
k 食品安全 快速检测 拉曼光谱 免疫层析 农残

* 大型仪器共享 | service
= 大型科研仪器开放共享与预约管理平台
~ Open sharing and booking platform for large scientific instruments
= 同步辐射与球差电镜表征测试服务
~ Synchrotron radiation and aberration-corrected TEM characterisation services
? 企业研发急需高端表征手段，但高端仪器购置成本高，而高校院所仪器利用率不高、对外服务渠道不畅
+ 整合区域内{300..1000}台套大型仪器，建设统一的预约、计费、样品流转和数据管理平台，并提供专家解读服务
! 仪器机时利用率提升{20..40}%
! 预约响应时间≤{1..2}个工作日
! 年服务企业{200..800}家
@ 新材料研发；半导体；生物医药；新能源
k 仪器共享 表征测试 球差电镜 科研服务 平台

* 研发管理咨询 | service
= 制造企业集成产品开发（IPD）体系导入
~ Integrated product development (IPD) system deployment for manufacturers
= 研发项目数字化管理平台
~ Digital R&D project management platform
? 中小制造企业研发管理粗放，项目延期、成本超支和需求变更频繁，研发投入产出比低
+ 结合IPD方法论与企业实际，梳理产品路线规划、阶段评审和跨部门团队机制，并配套数字化研发管理工具
! 研发周期缩短{20..35}%
! 项目按期交付率提升至{85..95}%
! 研发费用加计扣除归集准确率≥{95..99}%
@ 装备制造；电子信息；汽车零部件；医疗器械
k IPD 研发管理 项目管理 管理咨询 数字化

* 出口认证 | service
= 机电产品CE/UL出口认证技术服务
~ CE/UL export certification services for electromechanical products
= 医疗器械欧盟MDR注册技术服务
~ EU MDR registration services for medical devices
? 企业出口面临认证标准更新快、技术文件要求复杂等问题，认证不通过导致订单延误
+ 建立主要出口市场法规标准数据库，提供差距分析、设计整改、预测试和技术文件编写一条龙服务
! 认证周期缩短{25..40}%
! 一次通过率≥{85..95}%
! 覆盖{30..60}个国家和地区的准入要求
@ 家电；电动工具；医疗器械；储能产品
k 出口认证 CE认证 UL认证 MDR 合规
"""


# --- enterprise demands and open challenges (揭榜挂帅) --------------------------------------------------
#
# One block per demand:
#   * demand | challenge
#   T title
#   P the problem, in the enterprise's production context
#   M target metrics
#   C constraints
# Slots as above; repeated lines of a tag continue the text.

_DEMAND_DATA = {}

_DEMAND_DATA["it"] = """
* demand
T 注塑车间设备数据采集与OEE分析系统
P 公司注塑车间共有{80..150}台注塑机，品牌和年代各异，通信协议不统一，目前仍靠纸质报表统计产量和停机，
P OEE无法准确计算，管理层看不到真实的产能瓶颈。
M 设备联网率≥{95..99}%，数据采集周期≤{1..5}秒，OEE统计误差≤{2..3}%，系统上线周期≤{2..4}个月
C 需兼容使用{10..15}年以上的老旧设备，实施过程不得影响正常生产，优先私有化部署

* challenge
T 高反光金属件表面微小划痕在线检测
P 公司生产手机中框等高光铝合金结构件，表面镜面反光强，{0.02..0.05}mm级的细小划痕和压伤全靠人工在强光灯下目检，
P 每班需要{30..60}名质检员，漏检导致客户批量退货。
M 划痕检出率≥{99.5..99.9}%，过检率≤{1..3}%，单件检测时间≤{3..6}秒，覆盖{5|6}个外观面
C 需适配现有产线节拍，设备占地不超过{3..6}平方米

* demand
T 设备故障知识库与智能问答助手
P 我厂维修人员老龄化，设备故障处理依赖几位老师傅，
P 近{5..10}年的维修记录和设备手册有上万份，大多是扫描件和Word文档，
P 新人查找困难，故障平均修复时间偏长。
M 问答准确率≥{85..90}%，平均故障修复时间（MTTR）缩短{20..30}%，支持车间现场语音提问
C 数据不得出厂，需本地化部署，硬件投入控制在{30..60}万元以内

* demand
T 成品仓AGV集群调度系统优化
P 公司成品仓现有{40..80}台潜伏式AGV，高峰期频繁出现路口拥堵和死锁，出库效率达不到设计产能，
P 原供应商调度系统封闭，无法二次开发。
M 高峰期出入库效率提升≥{20..30}%，死锁发生率降至每周≤{1..2}次，调度规模支持≥{100..200}台
C 需兼容现有AGV车体和WMS接口

* challenge
T PLC控制器国产实时操作系统迁移
P 我司主营中大型PLC和运动控制器，目前使用国外实时操作系统，授权费逐年上涨并存在断供风险，
P 需要迁移到国产RTOS和国产处理器平台，同时保证控制性能不下降。
M 任务切换时间≤{1..3}μs，中断响应抖动≤{1..5}μs，
M EtherCAT主站周期≤{125|250}μs，满足IEC 61508 SIL{2|3}认证预评估要求
C 需兼容现有IEC 61131-3编程环境，迁移期间产品线不停产

* demand
T 新厂区5G专网与现场总线融合改造
P 公司新厂区设备分布分散、布线困难，AGV和移动巡检设备需要无线接入，但现有WiFi漫游切换时延大、干扰严重，
P 影响设备控制稳定性。
M 空口时延≤{10..20}ms，可靠性≥{99.99|99.999}%，接入终端≥{200..500}个，切换过程无丢包
C 需与现有Profinet网络互通，改造期间分区施工

* demand
T 链主企业供应链数据隐私共享方案
P 我司作为链主企业，希望与上游{20..50}家供应商共享需求预测和库存数据以降低缺料风险，
P 但供应商担心成本和产能数据泄露，合作推进困难。
M 缺料停线次数下降{30..50}%，库存周转天数减少{10..20}%，原始数据不出域
C 需在{3..6}个月内完成首批供应商接入

* demand
T SCADA历史数据库替换与数据迁移
P 工厂SCADA系统积累了{5..10}年的测点数据，约{20..50}万个测点，现有商用实时数据库授权昂贵、查询缓慢，
P 月度报表生成经常超时。
M 写入能力≥{100..300}万点/秒，历史查询响应≤{1..3}秒，存储空间节省≥{50..70}%
C 需兼容OPC UA接口，历史数据迁移零丢失
"""

_DEMAND_DATA["equipment"] = """
* demand
T 铝合金电池托盘焊接变形控制
P 公司为新能源车企配套铝合金电池托盘，采用MIG焊接，焊后变形量达{2..4}mm，需要人工校形，每件校形{15..25}分钟，
P 部分焊缝还存在气孔，气密检测不合格率约{3..6}%。
M 焊后平面度≤{0.5..1.0}mm，气密一次合格率≥{99.0..99.5}%，单件焊接节拍≤{8..12}分钟
C 现有{2..4}台焊接机器人需利旧，改造预算不超过{200..400}万元

* challenge
T 大兆瓦风电齿轮箱行星轮磨齿精度提升
P 公司生产{6..10}MW风电齿轮箱，行星轮磨齿后齿形误差波动大，热处理变形导致部分齿轮需要返修，
P 磨齿效率低，已成为交付瓶颈。
M 齿轮精度稳定达到GB/T 10095 {4|5}级，磨齿效率提升≥{25..40}%，热处理变形量≤{0.05..0.10}mm
C 需在现有数控成形磨齿机上实现，不接受更换主机的方案

* demand
T 铸件打磨机器人自动化改造
P 公司铸造车间铸件浇冒口和飞边依靠人工砂轮打磨，粉尘大、噪声高，招工困难，人工打磨质量不稳定，
P 工件尺寸一致性差。
M 打磨后残留高度≤{0.3..0.5}mm，单件节拍较人工缩短{30..50}%，粉尘排放满足国家标准
C 铸件重量{5..80}kg，品种{30..60}余种，需支持快速换型

* demand
T 加工中心主轴热漂移补偿
P 我司精密加工车间的加工中心开机后{1..2}小时内主轴热伸长导致Z向尺寸漂移，首批零件需反复测量修正，
P 孔深和台阶尺寸合格率受影响。
M 补偿后Z向误差≤{3..5}μm，免暖机直接加工，补偿模块成本≤{1..3}万元/台
C 需适配国产及进口{2|3}种主流数控系统

* demand
T 装载机动力换挡变速箱换挡冲击优化
P 公司装载机动力换挡变速箱在重载换挡时冲击明显，驾驶员舒适性差，离合器片磨损快，售后索赔率偏高。
M 换挡冲击度降低≥{30..50}%，离合器寿命提升≥{30..50}%，整机油耗不增加
C 需基于现有TCU硬件升级控制策略

* challenge
T 半导体设备真空晶圆传输机器人国产化
P 公司开发刻蚀、薄膜沉积设备，配套的真空晶圆传输机器人全部进口，交期长达{6..12}个月、价格高，
P 且无法根据腔体布局定制。
M 重复定位精度±{0.05..0.10}mm，MTBF≥{20000..50000}小时，单次传输颗粒增加≤{10..30}颗（≥{0.1|0.2}μm）
C 需满足SEMI S2/S8安全标准，适配现有设备腔体接口

* demand
T 液压油缸缸筒内壁缺陷在线检测
P 公司生产工程机械液压油缸，缸筒内壁拉伤、划痕和锈蚀依靠人工用内窥镜抽检，效率低，漏检导致整机漏油返修。
M 可检出缺陷尺寸≤{0.1..0.2}mm，检测速度≥{0.5..1.0}m/min，适用内径{80..400}mm
C 需可集成到现有珩磨后清洗工位

* demand
T 深松机作业深度实时监测终端
P 公司生产深松机和整地机，作业补贴要求上传深松深度和面积数据，现有倾角传感器方案受地形和振动影响误差大，
P 农户和监管部门之间经常产生纠纷。
M 深度测量误差≤±{1..2}cm，面积统计误差≤{2..3}%，终端单价≤{800..1500}元
C 需适应田间泥水和强振动环境，防护等级IP67
"""

_DEMAND_DATA["materials"] = """
* demand
T 锂电隔膜涂覆浆料分散稳定性提升
P 公司隔膜涂覆产线使用的勃姆石浆料放置{4..8}小时后出现沉降和团聚，涂层面密度波动大，
P 导致隔膜热收缩性能不稳定，客户多次投诉。
M 浆料静置{24..48}小时不沉降，涂层面密度CV≤{2..3}%，150℃热收缩率≤{2..3}%
C 不改变现有涂布设备，浆料成本增加不超过{5..10}%

* challenge
T 8英寸碳化硅衬底切磨抛良率提升
P 公司已具备碳化硅晶体生长能力，但衬底切磨抛环节良率仅{60..70}%，线切割损耗大，
P 抛光后表面划伤和亚表面损伤多，加工成本远高于国外同行。
M 切片损耗≤{150..200}μm，TTV≤{5..10}μm，表面粗糙度Ra≤{0.1..0.2}nm，加工综合良率≥{85..90}%
C 优先采用国产设备，单片加工成本下降{30..40}%以上

* demand
T 汽车内饰件低VOC低气味改性PP
P 公司为主机厂供应仪表板、门板用改性聚丙烯材料，主机厂气味和VOC标准近期升级，
P 现有配方的气味等级和甲醛、乙醛指标超标。
M 气味等级≤{3.0|3.5}级，总碳挥发≤{20..30}μgC/g，力学性能不下降
C 原材料成本上升不超过{500..1000}元/吨，需通过主机厂材料认证

* demand
T 钕铁硼磁体环保防腐涂层替代电镀
P 公司生产烧结钕铁硼磁体，目前采用镍铜镍电镀防腐，电镀废水处理压力大，环评要求收紧，
P 急需环保型替代涂层工艺。
M 中性盐雾≥{500..1000}h，涂层厚度{10..20}μm，结合力≥{10..15}MPa
C 需兼容现有前处理线，不含六价铬

* demand
T 电源模块用高导热有机硅灌封胶
P 公司电源模块要求灌封胶导热系数不低于2W/(m·K)，现有产品填料添加量提高后粘度过大，灌封时气泡多，
P 长期高温后胶体变硬开裂。
M 导热系数≥{2.0..3.0}W/(m·K)，粘度≤{3000..5000}mPa·s，150℃老化{1000..2000}h后硬度变化≤{10..15}Shore A
C 需通过UL94 V-0阻燃认证

* challenge
T 车灯用光学级聚碳酸酯国产化
P 公司车灯透镜和导光件使用的高透光PC树脂依赖进口，价格高、交期不稳定，国产料透光率和黄变指标达不到车规要求。
M 透光率≥{89.0..90.0}%，黄色指数≤{1.0..1.5}，热老化1000h后ΔYI≤{2..3}
C 需通过主机厂材料认证，年需求量{3000..8000}吨

* demand
T 氮化铝陶瓷基板激光钻孔裂纹控制
P 公司生产氮化铝陶瓷覆铜基板，激光打孔后孔周存在微裂纹和熔渣，后续金属化时出现孔内空洞，良率仅{75..85}%。
M 孔径{0.10..0.20}mm，孔壁无微裂纹，孔金属化良率≥{95..98}%
C 利用现有紫外激光设备

* demand
T 新能源汽车轮胎胎面胶低滚阻配方
P 公司开发新能源汽车专用轮胎，要求降低滚动阻力的同时保持湿地抓地力，现有配方白炭黑分散不良，混炼能耗高。
M 滚动阻力系数降低≥{10..15}%，湿地抓地等级达到A级，耐磨性能不下降
C 在现有密炼设备上实现
"""

_DEMAND_DATA["bio"] = """
* demand
T 单抗CHO细胞株表达量提升
P 公司在研单抗药物的CHO细胞株表达量仅{1.0..2.0}g/L，生产成本高，细胞在批次培养后期活率下降快，
P 影响商业化生产的经济性。
M 表达量≥{4..6}g/L，糖型、电荷异构体等关键质量属性与原研一致，细胞株传代稳定性≥60代
C 需符合GMP要求，并提供完整的细胞株构建记录

* challenge
T 多肽类药物口服递送技术
P 公司GLP-1类多肽药物目前为注射剂型，患者依从性差，希望开发口服制剂，但多肽在胃肠道中易降解、吸收差。
M 口服生物利用度≥{1..3}%，个体间变异≤{20..30}%，动物模型降糖效果与注射剂相当
C 辅料需为已上市药用辅料

* demand
T 氨基酸发酵液提取收率提升
P 公司发酵生产氨基酸，发酵液经离交、浓缩、结晶提取，总收率仅{80..85}%，离交再生酸碱用量大，废水处理成本高。
M 提取总收率≥{90..93}%，酸碱用量下降≥{30..50}%，产品纯度≥{98.5..99.5}%
C 年产能{2..5}万吨，改造期间不停产

* demand
T 蔬菜种子生物包衣与种传病害防控
P 公司经营番茄、辣椒等蔬菜种子，种传病害导致育苗期病苗率高，客户投诉多，现有化学包衣剂存在药害风险。
M 种传病害防效≥{85..95}%，发芽率不降低，包衣种子贮存期≥{12..18}个月
C 优先采用生物源或低毒方案

* demand
T 规模猪场仔猪腹泻病原现场快检
P 集团下属{20..60}个规模猪场，仔猪腹泻病原复杂，样品送实验室需{2..3}天才能出结果，错过最佳治疗时机，死淘率高。
M 现场检测时间≤{30..60}分钟，一次检测≥{4..6}种病原，与PCR符合率≥{95..98}%
C 饲养员经简单培训即可操作，单次检测成本≤{20..50}元

* challenge
T 重组蛋白药物无血清高密度培养工艺
P 公司重组蛋白药物采用含血清工艺，批间差异大、病毒安全风险高，下游纯化负担重，需要转为化学成分限定培养基工艺。
M 活细胞密度≥{15..25}×10⁶个/mL，产物滴度提升≥{50..100}%，培养基成本≤{50..100}元/L
C 需完成与原工艺的可比性研究

* demand
T 金针菇工厂化栽培污染率控制
P 公司金针菇工厂化栽培日产{50..100}吨，夏季高温期培养阶段污染率升高至{5..10}%，
P 同时菌种退化导致产量波动，每月报废菌包数量可观。
M 污染率≤{1..2}%，生物学效率≥{110..130}%，菌种连续使用{6..12}个月不退化
C 在现有厂房和设备基础上改进

* demand
T 益生菌制剂常温货架期活菌稳定化
P 公司生产益生菌类保健食品，活菌数在常温货架期内下降快，夏季运输后常达不到标示量，经销商退货增多。
M 常温储存{12..18}个月活菌数保持率≥{60..80}%，耐胃酸存活率≥{50..70}%
C 需满足保健食品注册备案的原料要求
"""

_DEMAND_DATA["nev"] = """
* challenge
T 锂电极片高速涂布面密度一致性控制
P 公司新建锂电产线涂布速度提升至{80..120}m/min后，极片面密度横向和纵向波动明显，边缘厚边导致辊压断带，
P 良率下降{2..4}个百分点。
M 面密度CV≤{0.8..1.2}%，厚边高度≤{2..4}μm，涂布速度≥{80..100}m/min
C 基于现有挤压涂布机改造，停机改造时间≤{7..15}天

* demand
T 电驱总成电磁啸叫抑制
P 公司电驱总成在{3000..6000}r/min区间出现明显电磁啸叫，整车主观评价不合格，已影响新车型SOP进度。
M 目标阶次噪声降低≥{6..10}dB，车内噪声满足主机厂目标值，电机效率不降低
C 不改变电机外形尺寸和安装接口，{3..6}个月内完成

* demand
T 电池包上盖密封胶快速固化方案
P 电池包上盖密封采用单组分聚氨酯胶，固化时间长达{24..48}小时，占用大量周转场地，拆解返修时胶层难以清除。
M 表干时间≤{10..30}分钟，{2..4}小时后可进行气密测试，满足IP67防护，可拆解返修
C 适配现有自动涂胶设备

* demand
T 换电站电池包入站快速健康评估
P 公司运营{100..300}座换电站，电池包入站后无法快速判断健康状态，存在安全隐患，只能定期拉回工厂检测。
M 入站检测时间≤{3..5}分钟，SOH评估误差≤{3..5}%，热失控风险识别准确率≥{90..95}%
C 不增加换电时间，软件可与现有站控系统对接

* challenge
T 高镍三元电芯高温产气抑制
P 公司高镍三元软包电芯在{45..60}℃存储后产气明显，电芯鼓胀，影响客户认证进度，目前的电解液添加剂方案效果有限。
M 60℃存储{30..60}天产气量降低≥{50..70}%，容量保持率≥{90..95}%，低温性能不受影响
C 方案需兼容现有电芯结构和化成工艺

* demand
T 高压线束端子压接质量在线监测
P 公司年产新能源汽车高压线束{50..200}万套，
P 端子压接高度和拉脱力依靠每班抽检切片判定，压接不良往往在客户端才被发现，
P 存在批量质量风险。
M 压接不良检出率≥{99.0..99.9}%，误报率≤{0.5..1.0}%，不降低生产节拍
C 需集成到现有全自动压接机

* demand
T 电机定子浸漆固化工艺节能改造
P 公司电机定子采用沉浸加烘炉固化工艺，烘炉能耗大，固化周期长达{4..8}小时，漆料挥发的VOCs处理成本高。
M 固化时间≤{30..60}分钟，能耗降低≥{30..50}%，绝缘性能满足H级要求
C 产线占地面积不增加

* demand
T 电动重卡电驱桥轻量化
P 公司电动重卡采用中央直驱电机加传统车桥方案，传动链长、效率低，整车自重大，
P 在港口短倒和矿区运输场景下载货量和续航里程都不如竞品。
M 电驱桥减重≥{150..300}kg，系统效率提升≥{3..5}个百分点，满足{50..100}万公里耐久要求
C 需与现有车架和悬架接口匹配
"""

_DEMAND_DATA["energy"] = """
* challenge
T 钙钛矿组件湿热稳定性攻关
P 公司已建成钙钛矿组件中试线，组件初始效率达标，但湿热老化和光浸泡后衰减较大，无法通过IEC 61215认证测试。
M 湿热试验1000h后功率衰减≤{3..5}%，光浸泡{500..1000}h衰减≤{5..8}%，通过IEC 61215全项测试
C 封装材料需可规模化供应，成本增加≤{0.05..0.10}元/W

* demand
T 分布式光伏电站组串故障智能诊断
P 公司运营{200..600}MW分布式光伏电站，站点分散，
P 组串失配、遮挡和PID衰减等问题只能靠人工巡检发现，发电损失难以量化。
M 故障识别准确率≥{90..95}%，定位到组串级，电站发电量提升≥{2..4}%
C 基于现有逆变器数据，不新增硬件

* demand
T 碱性电解槽宽功率波动运行改造
P 公司风光制氢项目的碱性电解槽在低负荷下氢中氧含量升高，需频繁停机，无法跟随新能源出力波动，制氢成本居高不下。
M 最低稳定运行负荷≤{10..20}%，低负荷时氢中氧含量不超过安全阈值，冷启动时间≤{30..60}分钟
C 改造方案不更换电解槽主体

* demand
T 储能电站电池舱电芯温差控制
P 公司{100..300}MWh储能电站采用风冷方案，电池舱内电芯温差达{8..12}℃，导致电芯衰减不一致、可用容量下降。
M 电芯最大温差≤{3..5}℃，热管理辅助能耗降低≥{20..30}%
C 利用现有集装箱舱体改造

* demand
T 海上风电叶片前缘腐蚀修复材料
P 公司海上风电场叶片运行{3..5}年后前缘雨蚀严重，发电效率下降，现有修复涂层寿命仅{1..2}年，出海修复成本高。
M 修复涂层雨蚀试验≥{40..60}小时，使用寿命≥{5..8}年，单支叶片修复≤{1..2}天
C 需适应海上高空作业，低温环境下可固化

* challenge
T 燃料电池重卡低温冷启动
P 公司燃料电池重卡在北方冬季零下30℃环境下冷启动困难，启动时间长、电堆衰减加速，影响车辆出勤率。
M -{30..40}℃无辅助冷启动时间≤{30..60}秒，冷启动{100..200}次后性能衰减≤{3..5}%
C 不增加电堆体积，辅助加热功耗≤{3..5}kW

* demand
T 燃煤机组深度调峰低负荷稳燃与脱硝
P 公司{300|600}MW燃煤机组需参与深度调峰，低负荷时脱硝入口烟温偏低、燃烧不稳，影响环保达标和设备安全。
M 最低稳定运行负荷≤{20..30}%额定负荷，全负荷脱硝投运，NOx排放≤50mg/m³
C 改造工期需结合机组检修，不超过{30..45}天

* demand
T 园区综合能源站冷热电负荷预测
P 公司园区综合能源站为{20..50}家企业供冷供热，配有燃气三联供、电制冷和蓄冷蓄热设备，负荷预测依靠值班人员经验，
P 机组启停频繁，能源浪费明显。
M 日前负荷预测误差≤{5..8}%，综合能效提升≥{5..10}%，机组启停次数减少{20..40}%
C 基于现有DCS数据接口
"""

_DEMAND_DATA["environment"] = """
* demand
T 电镀园区废水重金属深度去除
P 公司电镀园区废水处理站出水镍、铜偶有超标，新标准将总镍排放限值收严至0.1mg/L，
P 现有化学沉淀工艺污泥量大、药剂成本高。
M 出水总镍≤{0.05..0.10}mg/L，污泥量减少≥{30..50}%，吨水处理成本不增加
C 处理规模{500..2000}吨/天，场地有限

* challenge
T 三元前驱体高氨氮废水资源化
P 公司三元前驱体生产每天产生{800..2000}吨高氨氮高盐废水，氨氮浓度{3000..8000}mg/L，现有汽提工艺能耗高，
P 硫酸钠结晶盐纯度低，无法作为产品销售。
M 氨回收率≥{98.0..99.5}%，回收氨水浓度≥{15..20}%，硫酸钠纯度≥{99.0..99.5}%，吨水处理成本降低≥{20..30}%
C 需满足废水零排放要求

* demand
T 家具喷涂车间VOCs治理升级
P 公司家具喷涂车间采用活性炭吸附工艺，活性炭更换频繁、危废处置费用高，环保督察要求提升治理效率。
M VOCs去除率≥{90..95}%，非甲烷总烃排放≤{30..50}mg/m³，运行成本降低≥{30..40}%
C 处理风量{30000..80000}m³/h，车间可用面积有限

* demand
T 陶瓷辊道窑烟气余热回收利用
P 公司有{4..8}条建筑陶瓷辊道窑，排烟温度{200..280}℃，目前直接排放，而坯体干燥工序另外使用天然气加热，
P 天然气成本占制造成本比重逐年上升。
M 余热回收率≥{50..70}%，年节约天然气≥{50..150}万m³，投资回收期≤{2..3}年
C 不影响窑炉烧成制度

* demand
T 造纸脱墨污泥减量与资源化
P 公司造纸厂每天产生含水率{75..80}%的脱墨污泥{80..200}吨，目前全部外运填埋，处置费用逐年上涨，
P 且合作填埋场即将封场。
M 污泥含水率降至≤{40..50}%，资源化利用率≥{80..90}%，处置成本下降≥{30..40}%
C 厂内可用场地约{2000..5000}平方米

* demand
T 垃圾渗滤液膜浓缩液稳定处置
P 公司运营垃圾焚烧厂，渗滤液处理产生的纳滤、反渗透浓缩液约占{15..30}%，
P 回喷焚烧炉影响燃烧工况，需要稳定的处置方案。
M 浓缩液减量≥{80..90}%，出水达到GB 16889排放标准，吨水成本≤{60..100}元
C 需利用现有渗滤液处理站场地

* challenge
T 烧结烟气CO减排与余热协同利用
P 公司烧结机烟气中CO浓度高达{6000..10000}mg/m³，既浪费能源又面临超低排放新要求，现有脱硫脱硝系统无法处理CO。
M CO排放浓度降低≥{50..70}%，CO氧化放热用于烟气升温，SCR燃料消耗降低≥{30..50}%
C 不影响烧结矿产量与质量

* demand
T 工业园区雨污管网混接排查
P 园区管网建设年代久远，雨污混接错接严重，雨季污水溢流入河，人工排查效率低，难以精准定位混接点。
M 混接点定位准确率≥{85..95}%，排查效率提升{3..5}倍，形成管网GIS台账
C 不开挖路面，不影响园区企业生产
"""

_DEMAND_DATA["digital_creative"] = """
* demand
T 馆藏文物三维数字化与云展览
P 馆藏{3000..10000}件青铜器、陶瓷等文物需要建立三维数字档案并上线云展览，现有拍照资料精度低，
P 釉面反光的瓷器建模效果差。
M 模型精度≤{0.1..0.2}mm，纹理分辨率≥{4|8}K，单件采集处理≤{1..2}天
C 文物不得移出库房，采集须符合文物安全操作规范

* demand
T 工程机械产品三维交互营销展示
P 公司海外经销商需要向客户演示挖机、装载机等产品，样机运输成本高，现有宣传视频无法展示内部结构和典型工况。
M 网页和移动端流畅运行，模型加载≤{3..5}秒，支持{5..10}种语言
C 基于现有CAD模型轻量化，需保护核心设计数据

* challenge
T 动车组检修VR实训系统
P 公司承担动车组检修任务，新员工需要熟悉上千个检修作业点，
P 现场实训受车辆停库时间限制，培训周期长达{6..12}个月。
M 覆盖≥{300..800}个作业点，培训周期缩短≥{40..50}%，虚拟考核与实车操作一致率≥{90..95}%
C 需适配现有培训教室设备和企业内网

* demand
T 非遗织锦纹样设计与柔性生产对接
P 公司经营地方非遗织锦，传统纹样设计周期长、花色更新慢，年轻消费者认可度低，小批量定制订单无法与织机生产衔接。
M 新品设计周期缩短≥{50..60}%，纹样可自动转换为上机文件，定制起订量降至{10..50}件
C 适配现有电子提花织机

* demand
T 直播电商虚拟主播
P 公司直播电商团队需要全天候直播，真人主播成本高、流动性大，试用过的虚拟主播表情僵硬、互动生硬，转化率低。
M 直播转化率达到真人主播的{70..90}%，商品问答准确率≥{90..95}%，支持多平台同时推流
C 形象和声音须获得授权，符合平台对AI生成内容的标识规定

* demand
T 景区夜游山体沉浸式光影演艺
P 景区夜间游客停留时间短、二次消费低，计划打造沉浸式光影夜游项目，但山体和古建筑表面不规则，传统投影效果差。
M 投影覆盖面积≥{3000..10000}m²，画面融合无明显接缝，单场演出时长{20..40}分钟
C 不得破坏文物本体，设备需满足户外防水防尘要求

* demand
T 动画工作室动作数据生产提效
P 公司为游戏和动画项目制作角色动作，光学动捕棚档期紧张，大量简单动作仍需动画师手K，产能跟不上项目进度。
M 动作生产效率提升≥{2..3}倍，数据可直接导入主流三维软件，手脚穿模率≤{3..5}%
C 设备投入≤{30..80}万元

* demand
T 电视台老旧节目资料智能修复
P 电视台存有{2..5}万小时标清和模拟介质节目资料，画面模糊、划痕和噪点严重，计划修复后高清重播和上线，
P 但人工修复成本难以承受。
M 修复后达到高清或4K播出标准，处理速度≥{2..5}倍实时，人工复核工作量≤{10..20}%
C 需在台内离线环境处理，保障版权内容安全
"""

_DEMAND_DATA["services"] = """
* demand
T 出口储能产品碳足迹核算
P 公司储能电池产品出口欧洲，客户要求提供经第三方核查的产品碳足迹报告，
P 公司缺乏核算能力，上游供应商数据也不完整。
M {1..2}个月内出具符合ISO 14067的碳足迹报告，识别主要排放环节并提出降碳{10..20}%的方案
C 数据需保密，报告需获得欧洲客户认可

* demand
T 新产品海外专利布局与FTO分析
P 公司准备推出新一代产品进入北美和欧洲市场，担心侵犯竞争对手专利，同时自身专利数量少、保护范围窄。
M 完成目标市场自由实施（FTO）分析，新增高价值发明专利申请{10..30}件，形成规避设计方案
C 需在产品发布前{3..6}个月完成

* demand
T 转向节早期疲劳断裂失效分析
P 公司供货的汽车转向节在客户台架试验中出现早期疲劳断裂，面临批次性质量索赔，需要查明原因并提出改进措施。
M {10..20}个工作日内给出失效机理结论，改进后台架疲劳寿命提升≥{30..50}%
C 需出具具备CMA资质的检测报告

* demand
T 家用呼吸机工业设计与可用性改进
P 公司家用呼吸机功能达标但外观陈旧、操作复杂，用户投诉多，准备在下一代产品中全面提升外观和可用性。
M 用户操作差错率降低≥{30..50}%，可用性工程文件满足注册要求，设计周期≤{4..6}个月
C 不改变核心气路结构

* demand
T 车载充电机EMC摸底与整改
P 公司新开发的{6.6|11|22}kW车载充电机在第三方实验室辐射发射测试中超标{6..10}dB，
P 工程师凭经验加磁环、改滤波器多次整改未果，
P 影响车型定点和量产时间。
M 满足CISPR 25 Class {3|4|5}要求，整改增加成本≤{20..50}元/台
C 需在{1..2}个月内完成

* challenge
T 新型催化材料中试放大与工程化验证
P 公司拟引进高校新型催化材料成果，实验室数据优秀但缺乏中试放大数据，
P 公司缺少中试装置和工程化团队，担心放大失败。
M 完成{100..500}倍放大验证，催化剂性能衰减≤{10..15}%，形成工艺包和工程设计基础数据
C 中试需在具备安全资质的公共平台完成

* demand
T 研发体系建设与研发费用规范管理
P 公司研发项目多头管理、需求变更频繁，产品开发周期长，研发费用归集不规范，影响高新技术企业认定和加计扣除。
M 建立阶段评审流程，研发周期缩短≥{15..25}%，研发费用归集通过专项审计
C 需在{6..12}个月内完成体系导入

* demand
T 锂电电动工具欧盟准入认证
P 公司锂电电动工具拟出口欧盟，需要同时满足CE、新电池法规和生态设计等要求，内部缺少熟悉法规的人员。
M 认证测试一次通过，认证周期≤{2..4}个月，建立法规动态跟踪机制
C 认证费用控制在年度预算内
"""
