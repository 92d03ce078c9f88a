"""API v1 endpoints. Reads are public (published listings only); writes need ``Authorization: Bearer``."""

from __future__ import annotations

import math
from typing import Any

from flask import abort, g, jsonify, make_response, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException

from marketplace.api import services as api_services
from marketplace.api.schemas import (
    AchievementIn,
    AchievementOut,
    AchievementPage,
    ContractCheckOut,
    ContractIn,
    ContractStatusOut,
    ContractSubmitIn,
    DemandIn,
    DemandOut,
    DemandPage,
    DemandQuery,
    ErrorOut,
    ListingQuery,
    MatchList,
    SearchArgs,
    SearchOut,
    WriteResult,
)
from marketplace.catalogue import services as catalogue
from marketplace.catalogue.models import Achievement, Demand, ListingStatus
from marketplace.core import tx
from marketplace.core.errors import HTTP_ERROR_CODES, InvalidTransition, PermissionDenied, ValidationFailed
from marketplace.extensions import csrf, db

bp = Blueprint(
    "api", __name__, url_prefix="/api/v1", description="Published listings; writes with an API token"
)
BEARER = [{"bearerAuth": []}]


def error(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None):
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    abort(make_response(jsonify({"error": body}), status))


def handle_http_error(exc: HTTPException):
    """Every error under /api/v1 in one envelope: ``{"error": {"code", "message", "details"?}}``."""
    if exc.response is not None:
        return exc.response
    details = None
    messages = (getattr(exc, "data", None) or {}).get("messages")
    if messages:
        details = [
            {
                "field": f"{location}.{name}",
                "message": "; ".join(map(str, errs)) if isinstance(errs, list) else str(errs),
            }
            for location, by_field in messages.items()
            for name, errs in by_field.items()
        ]
    body: dict[str, Any] = {
        "code": HTTP_ERROR_CODES.get(exc.code or 500, "error"),
        "message": exc.description or exc.name,
    }
    if details:
        body["details"] = details
    return jsonify({"error": body}), exc.code


@bp.before_request
def _authenticate_writes() -> None:
    """Writes need a token; checked before the body is validated, so an anonymous caller learns nothing."""
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        header = request.headers.get("Authorization", "")
        raw = header[7:].strip() if header.lower().startswith("bearer ") else None
        g.api_actor = api_services.authenticate(db.session, raw)
        if g.api_actor is None:
            error(401, "unauthorized", "A valid API token is required: Authorization: Bearer <token>.")
        tx.commit()  # records the token's last use


# the JSON API is token-authenticated (no cookies), so CSRF does not apply; every error in one envelope
bp.register_error_handler(HTTPException, handle_http_error)
csrf.exempt(bp)


def _actor():
    return g.api_actor


def _page(model, stmt, args) -> dict[str, Any]:
    page = db.paginate(stmt, page=args["page"], per_page=args["per_page"], error_out=False, count=True)
    return {
        "items": [_out(item) for item in page.items],
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total or 0,
        "pages": math.ceil((page.total or 0) / page.per_page) if page.per_page else 0,
    }


def _out(listing) -> dict[str, Any]:
    data = {
        c: getattr(listing, c)
        for c in (
            "id",
            "title",
            "field",
            "keywords",
            "province_code",
            "city_code",
            "status",
            "published_at",
            "expires_at",
        )
    }
    data["organization"] = {
        "id": listing.organization.id,
        "name": listing.organization.name,
        "type": listing.organization.type,
    }
    kinds = f"{listing.kind_name}s"
    data["url"] = url_for("catalogue.detail", kinds=kinds, listing_id=listing.id, _external=True)
    if isinstance(listing, Achievement):
        for c in (
            "summary",
            "maturity",
            "trl",
            "transfer_modes",
            "price",
            "filing_number",
            "title_en",
            "summary_en",
            "team",
        ):
            data[c] = getattr(listing, c)
        data["ip_items"] = [
            {"ip_type": i.ip_type, "number": i.number, "status": i.status} for i in listing.ip_items
        ]
    else:
        for c in (
            "kind",
            "problem",
            "metrics",
            "constraints",
            "ip_terms",
            "expected_maturity",
            "modes",
            "budget",
            "deadline",
            "reward",
            "application_deadline",
            "cofunding_rate",
            "cofunding_cap",
        ):
            data[c] = getattr(listing, c)
    return data


def _published(model, listing_id: int):
    listing = db.session.get(model, listing_id)
    if listing is None or listing.status != ListingStatus.PUBLISHED:
        error(404, "not_found", "No published listing with this id.")
    return listing


def _filters(args, kind: str | None = None) -> catalogue.Filters:
    return catalogue.Filters(
        field=args.get("field"),
        province_code=args.get("province_code"),
        maturity=args.get("maturity"),
        kind=kind or args.get("kind"),
        q=args.get("q"),
    )


def _validation(exc: ValidationFailed):
    error(
        422,
        "validation_failed",
        "The listing is not valid.",
        [{"field": f, "message": str(m)} for f, m in exc.reasons],
    )


def _write_result(listing) -> dict[str, Any]:
    return {
        "id": listing.id,
        "status": listing.status,
        "revision_status": listing.revision_status,
        "url": url_for(
            "catalogue.detail", kinds=f"{listing.kind_name}s", listing_id=listing.id, _external=True
        ),
    }


def _owned(model, listing_id: int, actor):
    listing = db.session.get(model, listing_id)
    if listing is None or not catalogue.is_owner(actor, listing):
        error(404, "not_found", "No listing of your organisation with this id.")
    return listing


@bp.route("/achievements")
class Achievements(MethodView):
    @bp.arguments(ListingQuery, location="query")
    @bp.response(200, AchievementPage)
    def get(self, args):
        """Published achievements, newest first."""
        return _page(Achievement, catalogue.public_listings(Achievement, _filters(args)), args)

    @bp.arguments(AchievementIn)
    @bp.response(201, WriteResult)
    @bp.alt_response(401, schema=ErrorOut)
    @bp.alt_response(403, schema=ErrorOut)
    @bp.alt_response(422, schema=ErrorOut)
    @bp.doc(security=BEARER)
    def post(self, data):
        """Create a draft achievement of the token's organisation."""
        actor = _actor()
        try:
            listing = catalogue.create_achievement(db.session, actor, _achievement_input(data))
        except PermissionDenied:
            error(403, "forbidden", "This organisation cannot publish achievements.")
        except ValidationFailed as exc:
            _validation(exc)
        tx.commit()
        return _write_result(listing)


@bp.route("/achievements/<int:listing_id>")
class AchievementItem(MethodView):
    @bp.response(200, AchievementOut)
    @bp.alt_response(404, schema=ErrorOut)
    def get(self, listing_id: int):
        """One published achievement."""
        return _out(_published(Achievement, listing_id))

    @bp.arguments(AchievementIn)
    @bp.response(200, WriteResult)
    @bp.alt_response(401, schema=ErrorOut)
    @bp.alt_response(404, schema=ErrorOut)
    @bp.alt_response(422, schema=ErrorOut)
    @bp.doc(security=BEARER)
    def put(self, data, listing_id: int):
        """Replace an achievement of the token's organisation (a published one waits for review)."""
        actor = _actor()
        listing = _owned(Achievement, listing_id, actor)
        _update(actor, listing, _achievement_input(data))
        return _write_result(listing)


@bp.route("/demands")
class Demands(MethodView):
    @bp.arguments(DemandQuery, location="query")
    @bp.response(200, DemandPage)
    def get(self, args):
        """Published demands and challenges, newest first."""
        return _page(Demand, catalogue.public_listings(Demand, _filters(args)), args)

    @bp.arguments(DemandIn)
    @bp.response(201, WriteResult)
    @bp.alt_response(401, schema=ErrorOut)
    @bp.alt_response(403, schema=ErrorOut)
    @bp.alt_response(422, schema=ErrorOut)
    @bp.doc(security=BEARER)
    def post(self, data):
        """Create a draft demand or challenge of the token's organisation (an enterprise)."""
        actor = _actor()
        try:
            listing = catalogue.create_demand(db.session, actor, catalogue.DemandInput(**data))
        except PermissionDenied:
            error(403, "forbidden", "Only verified enterprises post demands.")
        except ValidationFailed as exc:
            _validation(exc)
        tx.commit()
        return _write_result(listing)


@bp.route("/demands/<int:listing_id>")
class DemandItem(MethodView):
    @bp.response(200, DemandOut)
    @bp.alt_response(404, schema=ErrorOut)
    def get(self, listing_id: int):
        """One published demand or challenge."""
        return _out(_published(Demand, listing_id))

    @bp.arguments(DemandIn)
    @bp.response(200, WriteResult)
    @bp.alt_response(401, schema=ErrorOut)
    @bp.alt_response(404, schema=ErrorOut)
    @bp.alt_response(422, schema=ErrorOut)
    @bp.doc(security=BEARER)
    def put(self, data, listing_id: int):
        """Replace a demand of the token's organisation (a published one waits for review)."""
        actor = _actor()
        listing = _owned(Demand, listing_id, actor)
        _update(actor, listing, catalogue.DemandInput(**data))
        return _write_result(listing)


@bp.route("/challenges")
class Challenges(MethodView):
    @bp.arguments(ListingQuery, location="query")
    @bp.response(200, DemandPage)
    def get(self, args):
        """Published 揭榜挂帅 challenges, newest first."""
        return _page(Demand, catalogue.public_listings(Demand, _filters(args, kind="challenge")), args)


def _submit(model, listing_id: int):
    actor = _actor()
    listing = _owned(model, listing_id, actor)
    try:
        catalogue.act(db.session, actor, listing, "submit")
    except InvalidTransition:
        error(409, "conflict", f"A listing in state {listing.status!r} cannot be submitted.")
    except ValidationFailed as exc:
        _validation(exc)
    tx.commit()
    return _write_result(listing)


@bp.route("/achievements/<int:listing_id>/submit", methods=["POST"])
@bp.response(200, WriteResult)
@bp.alt_response(401, schema=ErrorOut)
@bp.alt_response(404, schema=ErrorOut)
@bp.alt_response(409, schema=ErrorOut)
@bp.doc(security=BEARER)
def submit_achievement(listing_id: int):
    """Submit a draft (or returned) achievement for review."""
    return _submit(Achievement, listing_id)


@bp.route("/demands/<int:listing_id>/submit", methods=["POST"])
@bp.response(200, WriteResult)
@bp.alt_response(401, schema=ErrorOut)
@bp.alt_response(404, schema=ErrorOut)
@bp.alt_response(409, schema=ErrorOut)
@bp.doc(security=BEARER)
def submit_demand(listing_id: int):
    """Submit a draft (or returned) demand for review."""
    return _submit(Demand, listing_id)


def _achievement_input(data: dict[str, Any]) -> catalogue.AchievementInput:
    values = dict(data)
    values["ip_items"] = [catalogue.IPInput(**item) for item in values.get("ip_items", [])]
    return catalogue.AchievementInput(**values)


def _update(actor, listing, data) -> None:
    try:
        catalogue.update_listing(db.session, actor, listing, data)
    except ValidationFailed as exc:
        _validation(exc)
    except InvalidTransition:
        error(409, "conflict", "This listing cannot be changed in its current state.")
    tx.commit()


# --- search and matches ---------------------------------------------------------------------------------


@bp.route("/search")
class Search(MethodView):
    @bp.arguments(SearchArgs, location="query")
    @bp.response(200, SearchOut)
    @bp.alt_response(400, schema=ErrorOut)
    @bp.alt_response(503, schema=ErrorOut)
    def get(self, _args):
        """Full-text search over published achievements, demands and challenges, with facets."""
        from marketplace.discovery import indexing
        from marketplace.discovery import services as discovery
        from search.backends import SearchUnavailable

        try:
            params = discovery.parse_params(request.args)
        except ValidationFailed as exc:
            details = [{"field": f"query.{name}", "message": str(message)} for name, message in exc.reasons]
            error(400, "bad_request", "Some search parameters are not valid.", details)
        try:
            result = discovery.run_search(indexing.backend(), params, semantic=discovery.semantic_enabled())
        except SearchUnavailable:
            error(503, "unavailable", "Search is temporarily unavailable.")
        items = []
        for hit in result.hits:
            source = hit.source
            kinds = "achievements" if hit.kind == "achievement" else "demands"
            items.append(
                {
                    "id": hit.id,
                    "kind": hit.kind,
                    "listing_id": hit.pk,
                    "title": source["title"],
                    "organization": source.get("organization", ""),
                    "field": source.get("field", ""),
                    "province": source.get("province", ""),
                    "price_wan": source.get("price_wan"),
                    "score": round(hit.score, 4),
                    "title_highlight": [{"text": t, "hit": h} for t, h in hit.highlights.get("title", [])],
                    "snippet": [{"text": t, "hit": h} for t, h in hit.highlights.get("body", [])],
                    "url": url_for("catalogue.detail", kinds=kinds, listing_id=hit.pk, _external=True),
                }
            )
        facets = {
            name: [{"value": v, "count": n} for v, n in buckets] for name, buckets in result.facets.items()
        }
        return {
            "total": result.total,
            "page": result.page,
            "per_page": result.per_page,
            "pages": result.pages,
            "items": items,
            "facets": facets,
        }


@bp.route("/demands/<int:listing_id>/matches")
class DemandMatches(MethodView):
    @bp.response(200, MatchList)
    @bp.alt_response(404, schema=ErrorOut)
    def get(self, listing_id: int):
        """The achievements recommended for a published demand or challenge, best first, with reasons."""
        from marketplace.discovery import services as discovery

        demand = _published(Demand, listing_id)
        items = [
            {
                "rank": m.rank,
                "achievement_id": m.achievement_id,
                "title": m.achievement.title,
                "organization": m.achievement.organization.name,
                "score": round(m.score, 4),
                "reasons": m.reasons,
                "url": url_for(
                    "catalogue.detail", kinds="achievements", listing_id=m.achievement_id, _external=True
                ),
            }
            for m, _feedback in discovery.matches_for_demand(db.session, demand)
        ]
        return {"demand_id": demand.id, "items": items}


# --- contracts -------------------------------------------------------------------------------------------


@bp.route("/contracts/validate", methods=["POST"])
@bp.arguments(ContractIn)
@bp.response(200, ContractCheckOut)
@bp.alt_response(401, schema=ErrorOut)
@bp.alt_response(422, schema=ErrorOut)
@bp.doc(security=BEARER)
def validate_contract(data):
    """Check a contract record without saving anything: its problems (required fields per type, dates,
    amounts, parties) and the 技术交易额 computed from its non-technical costs."""
    from marketplace.contracts import services as contracts

    return contracts.preview(_contract_input(data))


def _contract_input(data: dict[str, Any]):
    from marketplace.contracts.services import ContractInput, CostInput, PartyInput

    values = dict(data)
    values["parties"] = [PartyInput(**p) for p in data["parties"]]
    values["costs"] = [CostInput(**c) for c in data["costs"]]
    return ContractInput(**values)


def _read_actor():
    """Contracts are private: reading them needs the organisation's token, like writing."""
    header = request.headers.get("Authorization", "")
    raw = header[7:].strip() if header.lower().startswith("bearer ") else None
    actor = api_services.authenticate(db.session, raw)
    if actor is None:
        error(401, "unauthorized", "A valid API token is required: Authorization: Bearer <token>.")
    tx.commit()
    return actor


def _own_contract(contract_id: int, actor):
    from marketplace.contracts.models import Contract

    contract = db.session.get(Contract, contract_id)
    if contract is None or contract.organization_id != actor.membership.organization_id:
        error(404, "not_found", "No contract of your organisation with this id.")
    return contract


def _contract_out(contract) -> dict[str, Any]:
    registered = contract.status == "registered"
    return {
        **{
            name: getattr(contract, name)
            for name in (
                "id",
                "title",
                "status",
                "contract_type",
                "subtype",
                "submitted_at",
                "decision_due",
                "return_note",
                "return_due",
                "refusal_reason",
                "registration_number",
                "registered_at",
            )
        },  # fmt: skip
        "return_reasons": list(contract.return_reasons or []),
        "contract_amount": str(contract.contract_amount),
        "technical_amount": str(contract.technical_amount) if contract.technical_amount is not None else None,
        "site": {"id": contract.site.id, "name": contract.site.name} if contract.site else None,
        "certificate_url": url_for(
            "contracts.document", contract_id=contract.id, kind="certificate", _external=True
        )
        if registered
        else None,
        "url": url_for("contracts.detail", contract_id=contract.id, _external=True),
    }


def _contract_problem(exc: ValidationFailed):
    error(
        422,
        "validation_failed",
        "The contract record is not valid.",
        [{"field": f, "message": str(m)} for f, m in exc.reasons],
    )


@bp.route("/contracts", methods=["POST"])
@bp.arguments(ContractIn)
@bp.response(201, ContractStatusOut)
@bp.alt_response(401, schema=ErrorOut)
@bp.alt_response(403, schema=ErrorOut)
@bp.alt_response(422, schema=ErrorOut)
@bp.doc(security=BEARER)
def create_contract(data):
    """Record a contract as a draft of the token's organisation (the same rules as the form)."""
    from marketplace.contracts import services as contracts

    try:
        contract = contracts.create_contract(db.session, _actor(), _contract_input(data))
    except ValidationFailed as exc:
        tx.rollback()
        _contract_problem(exc)
    except PermissionDenied:
        tx.rollback()
        error(
            403,
            "forbidden",
            "Contracts are recorded by verified universities, institutes, enterprises and agencies.",
        )
    tx.commit()
    return _contract_out(contract)


@bp.route("/contracts/<int:contract_id>")
class ContractItem(MethodView):
    @bp.response(200, ContractStatusOut)
    @bp.alt_response(401, schema=ErrorOut)
    @bp.alt_response(404, schema=ErrorOut)
    @bp.doc(security=BEARER)
    def get(self, contract_id: int):
        """A contract of the token's organisation and its registration status."""
        return _contract_out(_own_contract(contract_id, _read_actor()))

    @bp.arguments(ContractIn)
    @bp.response(200, ContractStatusOut)
    @bp.alt_response(401, schema=ErrorOut)
    @bp.alt_response(404, schema=ErrorOut)
    @bp.alt_response(409, schema=ErrorOut)
    @bp.alt_response(422, schema=ErrorOut)
    @bp.doc(security=BEARER)
    def put(self, data, contract_id: int):
        """Replace a draft or a record returned for correction (then submit it again)."""
        from marketplace.contracts import services as contracts

        actor = _actor()
        contract = _own_contract(contract_id, actor)
        try:
            contracts.update_contract(db.session, actor, contract, _contract_input(data))
        except ValidationFailed as exc:
            tx.rollback()
            _contract_problem(exc)
        except PermissionDenied:
            tx.rollback()
            error(409, "conflict", f"A contract in state {contract.status!r} cannot be changed.")
        tx.commit()
        return _contract_out(contract)


@bp.route("/contracts/<int:contract_id>/submit", methods=["POST"])
@bp.arguments(ContractSubmitIn)
@bp.response(200, ContractStatusOut)
@bp.alt_response(401, schema=ErrorOut)
@bp.alt_response(404, schema=ErrorOut)
@bp.alt_response(409, schema=ErrorOut)
@bp.alt_response(422, schema=ErrorOut)
@bp.doc(security=BEARER)
def submit_contract(data, contract_id: int):
    """Apply for registration at a site of the applicant's region (again, after a correction)."""
    from marketplace.contracts import registration
    from marketplace.contracts.models import RegistrationSite

    actor = _actor()
    contract = _own_contract(contract_id, actor)
    sites = registration.eligible_sites(db.session, contract)
    if data["site_id"] is None and len(sites) == 1:
        site = sites[0]
    else:
        site = db.session.get(RegistrationSite, data["site_id"] or 0)
    if site is None:
        choices = ", ".join(f"{s.id} ({s.name})" for s in sites) or "none"
        error(422, "validation_failed", f"Choose a registration site (site_id): {choices}.",
              [{"field": "site_id", "message": "required"}])  # fmt: skip
    try:
        registration.submit(db.session, actor, contract, site)
    except ValidationFailed as exc:
        tx.rollback()
        _contract_problem(exc)
    except InvalidTransition:
        tx.rollback()
        error(409, "conflict", f"A contract in state {contract.status!r} cannot be submitted.")
    tx.commit()
    return _contract_out(contract)
