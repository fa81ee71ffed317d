"""The web form: a lawyer fills in a case step by step, sees errors beside the fields, and
downloads the documents. routes.py answers the requests; layout.py says what is asked and in
which order; formdata.py and formview.py turn form fields into case JSON and back; uploads.py and
downloads.py read the files a user sends and make the files they take away."""

from docgen.web.form.routes import bp

__all__ = ["bp"]
