"""The JSON API for scripts: validate a case, render a document."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")
