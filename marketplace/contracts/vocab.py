"""Code lists of the contract record (REGISTRATION.md §3.1): stable codes stored on rows.

Display names are in ``labels.py`` (translated); the official Chinese term is in each comment.
"""

from __future__ import annotations

from enum import StrEnum


class ContractStatus(StrEnum):
    DRAFT = "draft"  #: being completed by the applicant
    SUBMITTED = "submitted"  #: applied at a registration site, waiting for acceptance
    ACCEPTED = "accepted"  #: 受理: under the clerk's review, the decision clock runs
    RETURNED = "returned"  #: 补正: back with the applicant for correction
    SECOND_REVIEW = "second_review"  #: a large contract awaiting a second clerk's approval
    REGISTERED = "registered"  #: 认定登记: registration number and certificate issued
    CHANGING = "changing"  #: 变更: the applicant corrects a registered contract (the registration stands)
    CANCEL_REQUESTED = "cancel_requested"  #: the applicant asked to cancel the registration
    REFUSED = "refused"  #: 不予登记
    CANCELLED = "cancelled"  #: 注销 of a registered contract


class PartyRole(StrEnum):
    SELLER = "seller"  #: 卖方 (R&D party, transferor, licensor, consultant, service provider)
    BUYER = "buyer"  #: 买方
    BROKER = "broker"  #: 中介方


class PartyKind(StrEnum):
    ORGANIZATION = "organization"
    PERSON = "person"  #: 自然人


class TechField(StrEnum):
    """The 11 technical fields of the national statistics."""

    ELECTRONICS = "electronics"  #: 电子信息
    MANUFACTURING = "manufacturing"  #: 先进制造
    AEROSPACE = "aerospace"  #: 航空航天
    TRANSPORT = "transport"  #: 现代交通
    BIOMEDICINE = "biomedicine"  #: 生物医药和医疗器械
    MATERIALS = "materials"  #: 新材料及其应用
    ENERGY = "energy"  #: 新能源与高效节能
    ENVIRONMENT = "environment"  #: 环境保护与资源综合利用
    NUCLEAR = "nuclear"  #: 核应用技术
    AGRICULTURE = "agriculture"  #: 农业
    URBAN = "urban"  #: 城市建设与社会发展


class IPKind(StrEnum):
    NONE = "none"  #: 未涉及知识产权
    KNOW_HOW = "know_how"  #: 技术秘密
    PATENT = "patent"  #: 专利
    SOFTWARE = "software"  #: 计算机软件著作权
    IC_LAYOUT = "ic_layout"  #: 集成电路布图设计
    PLANT_VARIETY = "plant_variety"  #: 动植物新品种
    BIOMEDICINE = "biomedicine"  #: 生物医药新品种
    OTHER = "other"  #: 其他


class LicenceExclusivity(StrEnum):
    EXCLUSIVE = "exclusive"  #: 独占
    SOLE = "sole"  #: 排他
    ORDINARY = "ordinary"  #: 普通 (the default when a contract does not say)


class PaymentMethod(StrEnum):
    """民法典 art. 846."""

    LUMP_SUM = "lump_sum"  #: 一次总算、一次总付
    INSTALMENTS = "instalments"  #: 一次总算、分期支付
    ROYALTY = "royalty"  #: 提成支付
    ROYALTY_WITH_FEE = "royalty_with_fee"  #: 提成支付附加预付入门费


class PlanSource(StrEnum):
    """计划类别: whether the contract comes from a government S&T plan."""

    NONE = "none"
    NATIONAL = "national"  #: 国家计划
    MINISTRY = "ministry"  #: 部门计划
    PROVINCIAL = "provincial"  #: 省级计划
    LOCAL = "local"  #: 地市县计划
    OTHER = "other"


class CostCategory(StrEnum):
    """Non-technical costs deducted from 成交额 (REGISTRATION.md §3.3)."""

    EQUIPMENT = "equipment"  #: 设备
    INSTRUMENTS = "instruments"  #: 仪器
    PARTS = "parts"  #: 零部件
    RAW_MATERIALS = "raw_materials"  #: 原材料
    HARDWARE = "hardware"  #: 生产用硬件
    PASS_THROUGH = "pass_through"  # noqa: S105 - not a secret  #: 代购
    OTHER = "other"  #: 其他非技术性费用


class RefusalReason(StrEnum):
    """不予登记 grounds (火炬中心 list of 2021, matching the 2001 Rules; §2.3), plus formal defects."""

    VOID = "void"  #: 无效或尚未生效的合同
    NOT_TECHNOLOGY = "not_technology"  #: 不属于技术合同
    UNCLEAR_TERMS = "unclear_terms"  #: 当事人、标的、价款、报酬或使用费约定不明确
    APPROVAL_MISSING = "approval_missing"  #: 依法应经批准而未批准
    NAME_MISMATCH = "name_mismatch"  #: 名实不符且未按要求补正
    MONOPOLY = "monopoly"  #: 非法垄断技术、妨碍技术进步
    CERTIFICATES = "certificates"  #: 应提交的证明文件缺失或不符合要求
    SEALS = "seals"  #: 签章不全或印章与当事人名称不一致
    ORAL = "oral"  #: 口头合同，无书面文本
    EXPIRED = "expired"  #: 合同有效期已届满
    DUPLICATE = "duplicate"  #: 重复登记
    OTHER = "other"  #: 其他不应登记的情形


class CorrectionReason(StrEnum):
    """补正 reasons (§4.4): what the applicant must fix before the clerk decides."""

    MISSING_TEXT = "missing_text"  #: 合同文本不完整
    MISSING_ATTACHMENT = "missing_attachment"  #: 附件或证明材料缺失
    NAME_MISMATCH = "name_mismatch"  #: 合同名称与内容不符
    WRONG_TYPE = "wrong_type"  #: 合同类别填报有误
    AMOUNTS = "amounts"  #: 成交额或技术交易额需更正
    PARTIES = "parties"  #: 当事人信息有误
    SEALS = "seals"  #: 签章不全
    AUTHORISATION = "authorisation"  #: 缺少法人授权书
    TRANSLATION = "translation"  #: 外文合同缺中文译本或一致性承诺
    OTHER = "other"


#: 性质 of a party (legal-person type codes of the registration form, §3.1); "400" natural person is an
#: assumption (the source list is truncated there)
LEGAL_TYPES = {
    "010": "机关法人",
    "021": "科研机构",
    "022": "高等院校",
    "023": "医疗卫生机构",
    "024": "其他事业法人",
    "030": "社团法人",
    "110": "国有企业",
    "150": "有限责任公司",
    "160": "股份有限公司",
    "170": "私营企业",
    "190": "其他内资企业",
    "200": "港澳台商投资企业",
    "300": "外商投资企业",
    "400": "自然人",
    "900": "其他",
}

#: party type groups of the statistics (技术交易主体), by legal type code prefix
PARTY_GROUPS = {
    "021": "institute",
    "022": "university",
    "023": "medical",
    "1": "enterprise",
    "2": "enterprise_hmt",
    "3": "enterprise_foreign",
    "400": "person",
}

CHINA = "156"  #: ISO 3166 numeric code of China, the default country of a party

#: the files of an application (REGISTRATION.md §4.3)
DOCUMENT_KINDS = (
    "contract_text",  #: the signed contract with its annexes
    "ip_certificate",  #: patent certificate, software registration ...
    "authorisation",  #: the legal person's authorisation of an internal unit
    "translation",  #: Chinese version and consistency undertaking of a foreign-language contract
    "other",
)
