"""The base of every case schema."""

from marshmallow import RAISE, Schema


class Strict(Schema):
    """Unknown fields are refused by name, never dropped: a misspelt field is a lost fact."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "Unknown field: docgen does not know it (check the spelling)."}
