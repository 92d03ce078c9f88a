"""The catalogue's controlled vocabularies, in one place: technical fields, maturity, IP, transfer modes.

Codes are stored in the database and exchanged through the API; labels are lazily translated.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Field(StrEnum):
    """The nine strategic emerging industries (战略性新兴产业分类 2018): the fields of every listing."""

    IT = "it"  #: 新一代信息技术产业
    EQUIPMENT = "equipment"  #: 高端装备制造产业
    MATERIALS = "materials"  #: 新材料产业
    BIO = "bio"  #: 生物产业 (incl. biomedicine, bio-agriculture)
    NEV = "nev"  #: 新能源汽车产业
    ENERGY = "energy"  #: 新能源产业
    ENVIRONMENT = "environment"  #: 节能环保产业
    DIGITAL_CREATIVE = "digital_creative"  #: 数字创意产业
    SERVICES = "services"  #: 相关服务业


FIELDS = {
    Field.IT: _l("Next-generation information technology"),
    Field.EQUIPMENT: _l("High-end equipment manufacturing"),
    Field.MATERIALS: _l("New materials"),
    Field.BIO: _l("Biotechnology"),
    Field.NEV: _l("New energy vehicles"),
    Field.ENERGY: _l("New energy"),
    Field.ENVIRONMENT: _l("Energy saving and environmental protection"),
    Field.DIGITAL_CREATIVE: _l("Digital creative industries"),
    Field.SERVICES: _l("Related services"),
}


class Maturity(StrEnum):
    RESEARCH = "research"  #: 研发阶段
    LAB = "lab"  #: 小试
    PILOT = "pilot"  #: 中试
    INDUSTRIALISED = "industrialised"  #: 产业化


MATURITY = {
    Maturity.RESEARCH: _l("Research stage"),
    Maturity.LAB: _l("Lab-scale trial"),
    Maturity.PILOT: _l("Pilot-scale trial"),
    Maturity.INDUSTRIALISED: _l("Industrialised"),
}

#: maturity levels in order, for "at least this mature" comparisons
MATURITY_ORDER = [Maturity.RESEARCH, Maturity.LAB, Maturity.PILOT, Maturity.INDUSTRIALISED]


class TransferMode(StrEnum):
    ASSIGNMENT = "assignment"  #: 转让
    LICENCE = "licence"  #: 许可
    EQUITY = "equity"  #: 作价入股
    CO_DEVELOPMENT = "co_development"  #: 合作开发
    SERVICE = "service"  #: 技术服务


TRANSFER_MODES = {
    TransferMode.ASSIGNMENT: _l("Assignment"),
    TransferMode.LICENCE: _l("Licence"),
    TransferMode.EQUITY: _l("Equity investment"),
    TransferMode.CO_DEVELOPMENT: _l("Joint development"),
    TransferMode.SERVICE: _l("Technical service"),
}


class IPType(StrEnum):
    INVENTION = "invention"  #: 发明专利
    UTILITY_MODEL = "utility_model"  #: 实用新型
    DESIGN = "design"  #: 外观设计
    SOFTWARE = "software"  #: 软件著作权
    PLANT_VARIETY = "plant_variety"  #: 植物新品种
    KNOW_HOW = "know_how"  #: 技术秘密


IP_TYPES = {
    IPType.INVENTION: _l("Invention patent"),
    IPType.UTILITY_MODEL: _l("Utility model"),
    IPType.DESIGN: _l("Design patent"),
    IPType.SOFTWARE: _l("Software copyright"),
    IPType.PLANT_VARIETY: _l("Plant variety right"),
    IPType.KNOW_HOW: _l("Technical secret (know-how)"),
}

#: IP types that carry a Chinese patent application number (with its check digit)
PATENT_TYPES = {IPType.INVENTION, IPType.UTILITY_MODEL, IPType.DESIGN}


class IPStatus(StrEnum):
    PENDING = "pending"  #: 申请中
    GRANTED = "granted"  #: 已授权
    LAPSED = "lapsed"  #: 已失效


IP_STATUSES = {
    IPStatus.PENDING: _l("Application pending"),
    IPStatus.GRANTED: _l("Granted"),
    IPStatus.LAPSED: _l("Lapsed"),
}


LISTING_STATUSES = {
    "draft": _l("Draft"),
    "submitted": _l("Awaiting review"),
    "returned": _l("Returned for changes"),
    "published": _l("Published"),
    "withdrawn": _l("Withdrawn"),
    "closed": _l("Closed"),
    "transferred": _l("Transferred"),
    "expired": _l("Expired"),
}

STATUS_COLOURS = {
    "draft": "secondary",
    "submitted": "warning",
    "returned": "danger",
    "published": "success",
    "withdrawn": "secondary",
    "closed": "dark",
    "transferred": "primary",
    "expired": "secondary",
}

LISTING_ACTIONS = {
    "submit": _l("Submit for review"),
    "approve": _l("Approve and publish"),
    "return": _l("Return for changes"),
    "withdraw": _l("Withdraw"),
    "close": _l("Close"),
    "mark_transferred": _l("Mark as transferred"),
    "renew": _l("Renew"),
    "expire": _l("Expire"),
    "propose": _l("Submit changes"),
}

DEMAND_KINDS = {"demand": _l("Technology demand"), "challenge": _l("Open challenge (揭榜挂帅)")}
