"""Search page, saved searches, match feedback and the brokers' match queue."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from marketplace.accounts.labels import ORGANIZATION_TYPES
from marketplace.catalogue import vocab
from marketplace.catalogue.models import Demand
from marketplace.core import regions, tx
from marketplace.core.errors import ValidationFailed
from marketplace.core.web import flash_problem, get_or_404, run_action
from marketplace.discovery import indexing, services
from marketplace.discovery.forms import FeedbackForm, SaveSearchForm
from marketplace.discovery.models import SavedSearch
from marketplace.extensions import db
from marketplace.i18n import to_script
from search.backends import SearchUnavailable
from search.documents import NEGOTIABLE

bp = Blueprint("discovery", __name__)

KIND_LABELS = {
    "achievement": _l("Achievements"),
    "demand": _l("Technology demands"),
    "challenge": _l("Open challenges"),
}
PRICE_BAND_LABELS = {
    "lt10": _l("Under 10 万元"),
    "10-50": _l("10–50 万元"),
    "50-100": _l("50–100 万元"),
    "100-500": _l("100–500 万元"),
    "500-1000": _l("500–1,000 万元"),
    "gte1000": _l("1,000 万元 and more"),
    NEGOTIABLE: _l("Negotiable"),
}
FACET_TITLES = {
    "kind": _l("Kind"),
    "field": _l("Technical field"),
    "maturity": _l("Maturity"),
    "province": _l("Region"),
    "modes": _l("Transfer mode"),
    "price_band": _l("Price or budget"),
    "org_type": _l("Organisation type"),
}
SORT_LABELS = {
    "relevance": _l("Most relevant"),
    "newest": _l("Newest"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
}
DECLINE_LABELS = {
    "too_early": _l("Too early (not mature enough)"),
    "price": _l("Price"),
    "ip_unclear": _l("IP unclear"),
    "not_our_field": _l("Not our field"),
    "other": _l("Other"),
}
#: suggestions shown when a search finds nothing
SUGGESTED_QUERIES = ("锂电池", "新材料", "人工智能", "生物医药", "节能环保")


#: facet labels by (locale, facet, value): a search page shows about a hundred, always the same few
_facet_labels: dict[tuple[str, str, str], str] = {}


def facet_label(name: str, value: str) -> str:
    key = (str(get_locale()), name, value)
    label = _facet_labels.get(key)
    if label is None:
        label = _facet_label(name, value)
        if len(_facet_labels) < 20_000:
            _facet_labels[key] = label
    return label


def _facet_label(name: str, value: str) -> str:
    if name == "kind":
        return str(KIND_LABELS.get(value, value))
    if name == "province":
        return to_script(regions.label(value), get_locale()) or value
    if name == "price_band":
        return str(PRICE_BAND_LABELS.get(value, value))
    if name == "org_type":
        return str(ORGANIZATION_TYPES.get(value, value))
    labels = services.LABELS.get(name, {})
    return str(labels.get(value, value))


class ResultPage:
    """The attributes the pagination macro reads, for a search result."""

    def __init__(self, result, window: int = 2):
        self.page, self.per_page, self.total = result.page, result.per_page, result.total
        self.pages = max(1, math.ceil(self.total / self.per_page))
        self.has_prev, self.has_next = self.page > 1, self.page < self.pages
        self.prev_num, self.next_num = self.page - 1, self.page + 1
        self.window = window

    def iter_pages(self):
        last = 0
        for number in range(1, self.pages + 1):
            if number <= 1 or number > self.pages - 1 or abs(number - self.page) <= self.window:
                if last and number - last > 1:
                    yield None
                yield number
                last = number


def facet_url(params: services.SearchParams, name: str, value: str) -> str:
    """The search with ``value`` of facet ``name`` switched on or off (back to page 1)."""
    args = params.as_args()
    key = "kind" if name == "kind" else name
    chosen = list(args.get(key, []))
    if value in chosen:
        chosen.remove(value)
    else:
        chosen.append(value)
    if chosen:
        args[key] = chosen
    else:
        args.pop(key, None)
    # the route has no path variables: build its path once, encode the query here (url_for per facet
    # value was a tenth of the page's time)
    path = url_for("discovery.search")
    return f"{path}?{urlencode(args, doseq=True)}" if args else path


def marked(pieces: list[tuple[str, bool]]) -> Markup:
    """Highlight pieces as escaped HTML, the hits in <mark> (a function: a Jinja macro per snippet cost a
    tenth of the search page's time)."""
    return Markup("").join(Markup("<mark>%s</mark>") % text if hit else escape(text) for text, hit in pieces)


def _listing_url(hit) -> str:
    kinds = "achievements" if hit.kind == "achievement" else "demands"
    return url_for("catalogue.detail", kinds=kinds, listing_id=hit.pk)


@bp.get("/search")
def search():
    saved = None
    args: Any = request.args
    if request.args.get("saved", type=int) and current_user.is_authenticated:
        saved = db.session.get(SavedSearch, request.args.get("saved", type=int))
        if saved is None or saved.user_id != current_user.id:
            abort(404)
        args = {**saved.params, "page": request.args.get("page", "1")}
    error = None
    result = None
    try:
        params = services.parse_params(args)
    except ValidationFailed as exc:
        params, error = services.SearchParams(), exc
    if error is None:
        try:
            result = services.run_search(indexing.backend(), params, semantic=services.semantic_enabled())
        except SearchUnavailable:
            error = "unavailable"
    status = 400 if isinstance(error, ValidationFailed) else 503 if error else 200
    return (
        render_template(
            "discovery/search.html",
            params=params,
            result=result,
            page=ResultPage(result) if result else None,
            error=error,
            facet_titles=FACET_TITLES,
            facet_label=facet_label,
            facet_url=facet_url,
            sort_labels=SORT_LABELS,
            listing_url=_listing_url,
            marked=marked,
            suggestions=SUGGESTED_QUERIES,
            save_form=SaveSearchForm(),
            saved=saved,
            vocab=vocab,
        ),
        status,
    )


@bp.get("/search/saved")
@login_required
def saved_searches():
    return render_template(
        "discovery/saved.html",
        searches=services.saved_searches(db.session, current_user),
        form=SaveSearchForm(),
    )


@bp.post("/search/saved")
@login_required
def save_search():
    form = SaveSearchForm()
    if not form.validate_on_submit():
        flash(
            _("The search could not be saved: %(problem)s", problem=" ".join(sum(form.errors.values(), []))),
            "danger",
        )
        return redirect(url_for("discovery.search", **request.args))
    try:
        params = services.parse_params(request.args)
    except ValidationFailed:
        abort(400)
    if run_action(
        lambda: services.save_search(db.session, current_user, form.name.data, params, form.email.data),
        _("Search saved. We will tell you when new listings match it."),
    ):
        return redirect(url_for("discovery.saved_searches"))
    return redirect(url_for("discovery.search", **request.args))


@bp.post("/search/saved/<int:saved_id>/delete")
@login_required
def delete_saved_search(saved_id: int):
    saved = get_or_404(SavedSearch, saved_id)
    if saved.user_id != current_user.id:
        abort(404)  # another user's saved search does not exist for this visitor
    services.delete_saved_search(db.session, current_user, saved)
    tx.commit()
    flash(_("Saved search deleted."), "info")
    return redirect(url_for("discovery.saved_searches"))


@bp.post("/demands/<int:demand_id>/matches/<int:achievement_id>/feedback")
@login_required
def match_feedback(demand_id: int, achievement_id: int):
    demand = get_or_404(Demand, demand_id)
    form = FeedbackForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.give_feedback(
            db.session,
            current_user,
            demand,
            achievement_id,
            form.verdict.data,
            form.reason.data or None,
            form.note.data or "",
        )
    except ValidationFailed as exc:
        tx.rollback()
        flash_problem(exc)
        return redirect(url_for("catalogue.detail", kinds="demands", listing_id=demand.id) + "#matches")
    tx.commit()
    flash(_("Thank you: your feedback improves the suggestions."), "success")
    return redirect(url_for("catalogue.detail", kinds="demands", listing_id=demand.id) + "#matches")


@bp.get("/matches/queue")
@login_required
def match_queue():
    from marketplace.deals import services as deals
    from marketplace.deals.forms import ActionForm

    matches = services.broker_queue(db.session, current_user)
    return render_template(
        "discovery/queue.html",
        matches=matches,
        vocab=vocab,
        can_open_deal=deals.is_verified_broker(db.session, current_user),
        deal_form=ActionForm(),
    )


@bp.app_template_filter("mode_label")
def mode_label(value: str) -> str:
    return str(vocab.TRANSFER_MODES.get(value, value))


def listing_panels(actor: Any, listing: Any) -> dict[str, Any]:
    """What a listing page shows of matching: the catalogue's detail view adds these to its context."""
    from marketplace.catalogue.models import Achievement
    from marketplace.catalogue.services import is_owner

    if not services.can_see_matches(actor, listing):
        return {}
    if isinstance(listing, Demand):
        return {
            "matches": services.matches_for_demand(db.session, listing),
            "can_give_feedback": is_owner(actor, listing),
            "feedback_form": FeedbackForm(),
            "decline_labels": DECLINE_LABELS,
        }
    if isinstance(listing, Achievement):
        return {
            "needs": services.matches_for_achievement(db.session, listing),
            "declines": services.decline_rollup(db.session, listing),
            "decline_labels": DECLINE_LABELS,
        }
    return {}
