"""The registration documents as PDF: the certificate (技术合同登记证明) of a registered contract and the
"未予登记" notice of a refused one (REGISTRATION.md §3.2).

Both are official Chinese documents, so they are rendered in Simplified Chinese whatever the reader's
interface language. The certificate carries a QR code to the public verification page.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import cn2an
from flask import render_template
from flask_babel import force_locale

from marketplace.contracts import labels
from marketplace.contracts.models import Contract
from marketplace.contracts.services import require_view
from marketplace.contracts.vocab import ContractStatus
from marketplace.core import pdf
from marketplace.core.errors import PermissionDenied

CERTIFICATE = "certificate"
NOTICE = "notice"
#: which document exists in which state
DOCUMENT_STATUS = {CERTIFICATE: ContractStatus.REGISTERED, NOTICE: ContractStatus.REFUSED}


def amount_in_words(amount: Decimal | None) -> str:
    """人民币 in capital numerals, as financial documents write it (壹佰贰拾万元整)."""
    if amount is None:
        return ""
    return cn2an.an2cn(f"{Decimal(amount):.2f}", "rmb")


def available(contract: Contract) -> str | None:
    """The document the contract's state gives it, if any."""
    return next((kind for kind, status in DOCUMENT_STATUS.items() if contract.status == status), None)


def require_document(actor: Any, contract: Contract, kind: str) -> None:
    """Only those who may see the contract get its documents, and only the one its state gives it."""
    require_view(actor, contract)
    if available(contract) != kind:
        raise PermissionDenied(f"no {kind} in state {contract.status}")


def render(contract: Contract, kind: str, verify_url: str) -> bytes:
    with force_locale("zh_Hans"):
        html = render_template(
            f"contracts/{kind}_pdf.html",
            contract=contract,
            labels=labels,
            verify_url=verify_url,
            qr=pdf.qr_svg_data_uri(verify_url) if kind == CERTIFICATE else None,
            amount_in_words=amount_in_words,
        )
    return pdf.render(html)


def filename(contract: Contract, kind: str) -> str:
    if kind == CERTIFICATE:
        return f"certificate-{contract.registration_number}.pdf"
    return f"notice-{contract.id}.pdf"
