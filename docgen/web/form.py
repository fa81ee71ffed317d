"""The web form: a person fills in a case, sees errors beside the fields, downloads documents."""

from flask import Blueprint

bp = Blueprint("form", __name__)


@bp.get("/")
def index() -> str:
    return "docgen"
