"""The base of every case schema."""

from marshmallow import RAISE, Schema, ValidationError, pre_load

# More unknown fields than this in one object is not a misspelling but a file that is not a case:
# it is refused in one message rather than with one message per key (150,000 keys fit in 2 MB).
MOST_UNKNOWN = 20


class Strict(Schema):
    """Unknown fields are refused by name, never dropped: a misspelt field is a lost fact."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "Unknown field: docgen does not know it (check the spelling)."}

    @pre_load
    def _few_unknown_fields(self, data, **kwargs):
        if isinstance(data, dict) and len(data) > len(self.load_fields) + MOST_UNKNOWN:
            known = {field.data_key or name for name, field in self.load_fields.items()}
            unknown = sum(1 for key in data if key not in known)
            if unknown > MOST_UNKNOWN:
                raise ValidationError(
                    f"Has {unknown:,} fields docgen does not know: is this the right file?"
                )
        return data
