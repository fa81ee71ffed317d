"""Jobs through the API in-process (docgen.web.jobs): what is accepted and refused, by row and
path; the token; the store's one write per document and its expiry; the task made twice. The
queue's workers themselves run in test_jobs_queue.py."""

from __future__ import annotations

import io
import json
import os
import time
import zipfile

import openpyxl
import pytest

from docgen.batch import queue, store as stores
from docgen.batch.items import Item
from docgen.web import create_app
from groups import HEADERS, person_row, table
from reading import assert_error, docx_text


def post_group(client, base, people, **extra):
    return client.post("/api/v1/jobs", json={"base": base, "people": people,
                                             "kind": "appeal-letter", **extra})


def test_a_group_is_accepted_with_its_place_and_its_refused_rows(client, rustam):
    response = post_group(client, rustam, table(3, extra_rows=[
        {"complainants.0.id": "x", "complainants.0.pseudonym": "X", "complainants.0.nationality": "UZ"}]),
        format="docx", reference="charter-2012")
    assert response.status_code == 202
    job = response.get_json()
    assert response.headers["Location"] == f"/api/v1/jobs/{job['id']}"
    assert len(job["id"]) >= 32
    assert job["reference"] == "charter-2012"
    assert job["progress"] == {"done": 0, "total": 3} and job["state"] == "queued"
    assert job["failures"] == [{"row": 5, "path": "complainants.0.legal_name",
                                "message": "Missing data for required field."}]
    assert client.get(response.headers["Location"]).get_json() == job


def test_a_list_of_cases_refuses_the_invalid_ones_by_row_and_path(client, rustam):
    broken = {**rustam, "events": []}
    response = client.post("/api/v1/jobs", json={"items": [
        {"case": rustam, "kind": "cat-complaint", "format": "html"},
        {"case": broken, "kind": "appeal-letter"}]})
    assert response.status_code == 202
    failures = response.get_json()["failures"]
    assert [(f["row"], f["path"]) for f in failures] == [(2, "events")]


def test_a_job_with_nothing_valid_is_refused_whole(client, rustam):
    response = post_group(client, rustam, "complainants.0.id,complainants.0.legal_name\nx,\n")
    body = assert_error(response, 422, "invalid_case")
    assert "row 2: complainants.0.pseudonym" in body["errors"]


@pytest.mark.parametrize("body, field", [
    ({"items": []}, "items"),
    ({"items": [{"case": {}, "kind": "letter"}]}, "items.0.kind"),
    ({"base": {}, "people": "a"}, "kind"),
    ({"items": [{"case": {}, "kind": "cat-complaint"}], "base": {}}, "base"),
    ({"base": {}, "people": "a", "kind": "appeal-letter", "reference": "../x"}, "reference"),
    ({"base": {}, "people": "a", "kind": "appeal-letter", "colour": 1}, "colour"),
])
def test_a_job_that_is_not_well_formed_names_the_field(client, body, field):
    assert field in assert_error(client.post("/api/v1/jobs", json=body), 422, "invalid_job")["errors"]


def test_a_base_case_that_is_not_valid_is_refused_by_its_paths(client, rustam):
    del rustam["claims"]
    body = assert_error(post_group(client, rustam, table(2)), 422, "invalid_case")
    assert "base.claims" in body["errors"]


def test_a_people_file_that_cannot_be_read_says_why(client, rustam):
    response = client.post("/api/v1/jobs", data={
        "base": json.dumps(rustam), "kind": "appeal-letter",
        "people": (io.BytesIO(b"\xff\xfe\x00\x01"), "people.csv")}, content_type="multipart/form-data")
    assert "UTF-8" in assert_error(response, 422, "invalid_people")["message"]


def test_a_group_in_a_spreadsheet_uploaded_with_its_base_case(client, rustam):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADERS)
    for number in (1, 2):
        workbook.active.append(person_row(number))
    xlsx = io.BytesIO()
    workbook.save(xlsx)
    response = client.post("/api/v1/jobs", data={
        "base": (io.BytesIO(json.dumps(rustam).encode()), "base.json"), "kind": "appeal-letter",
        "format": "docx", "people": (io.BytesIO(xlsx.getvalue()), "people.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 202, response.get_json()
    assert response.get_json()["progress"]["total"] == 2


def test_a_result_is_not_given_before_it_is_done_and_a_deleted_job_is_gone(client, rustam):
    location = post_group(client, rustam, table(1)).headers["Location"]
    assert_error(client.get(f"{location}/result"), 409, "job_not_done")
    assert client.delete(location).status_code == 204
    for response in (client.get(location), client.get(f"{location}/result"), client.delete(location)):
        assert_error(response, 404, "unknown_job")


def test_the_token_guards_the_jobs(rustam):
    client = create_app({"TESTING": True, "API_TOKEN": "s3cret"}).test_client()
    for response in (post_group(client, rustam, table(1)), client.get("/api/v1/jobs/x"),
                     client.get("/api/v1/jobs/x/result"), client.delete("/api/v1/jobs/x")):
        assert_error(response, 401, "token_required")
    response = client.post("/api/v1/jobs", headers={"Authorization": "Bearer s3cret"},
                           json={"base": rustam, "people": table(1), "kind": "appeal-letter"})
    assert response.status_code == 202


# The store and the task -------------------------------------------------------------------------


@pytest.fixture
def folder_store(tmp_path):
    return stores.FolderStore(tmp_path, seconds=3600)


def test_a_document_is_kept_once_whatever_writes_it_again(folder_store):
    folder_store.create("job", {"total": 1}, [{"x": 1}])
    assert folder_store.put_document("job", 0, b"first") is True
    assert folder_store.put_document("job", 0, b"second") is False
    assert folder_store.document("job", 0) == b"first"
    assert folder_store.finished("job") == ({0}, {})
    assert not [p for p in (folder_store.jobs / "job" / "documents").iterdir() if p.name.startswith(".")]


def test_a_job_past_its_time_is_deleted(tmp_path):
    kept = stores.FolderStore(tmp_path, seconds=60)
    kept.create("old", {"total": 0}, [])
    past = time.time() - 61
    os.utime(kept.jobs / "old", (past, past))
    assert kept.meta("old") is None and not (kept.jobs / "old").exists()


def test_the_task_given_twice_makes_the_document_once(monkeypatch, folder_store, rustam):
    made = []
    monkeypatch.setattr(queue, "_store", lambda: folder_store)
    monkeypatch.setattr(queue, "make", lambda item: made.append(item) or b"document")
    folder_store.create("job", {"total": 1},
                        [Item("p01", rustam, "appeal-letter", "docx", row=2).to_json()])
    queue.make_document("job", 0)
    queue.make_document("job", 0)  # given again, as after a worker was killed before its ack
    assert len(made) == 1 and folder_store.document("job", 0) == b"document"
    folder_store.delete("job")
    queue.make_document("job", 0)  # a job deleted meanwhile: nothing to do, nothing kept
    assert len(made) == 1 and not (folder_store.jobs / "job").exists()


def test_a_document_that_fails_is_a_failure_without_its_message(monkeypatch, folder_store, rustam, caplog):
    def broken(item):
        raise ValueError(f"cannot print {item.data['complainants'][0]['legal_name']}")

    monkeypatch.setattr(queue, "_store", lambda: folder_store)
    monkeypatch.setattr(queue, "make", broken)
    folder_store.create("job", {"total": 1},
                        [Item("p01", rustam, "appeal-letter", "docx", row=2).to_json()])
    queue.make_document("job", 0)
    (failure,) = folder_store.finished("job")[1].values()
    assert "ValueError" in failure["message"]
    legal_name = rustam["complainants"][0]["legal_name"]
    assert legal_name not in failure["message"] and legal_name not in caplog.text


def test_a_starting_worker_gives_again_only_the_unfinished_items_of_live_jobs(monkeypatch, tmp_path):
    kept = stores.FolderStore(tmp_path, seconds=3600)
    live = {"total": 4, "expires": time.time() + 3600}
    kept.create("half-made", live, [{}] * 4)
    kept.put_document("half-made", 0, b"made")
    kept.put_failure("half-made", 2, {"message": "failed"})
    kept.create("all-made", {**live, "total": 1}, [{}])
    kept.put_document("all-made", 0, b"made")
    kept.create("expired", {**live, "expires": time.time() - 1}, [{}] * 4)
    (kept.jobs / "being-created" / "items").mkdir(parents=True)  # no meta.json yet
    given = []
    monkeypatch.setattr(queue, "_send", lambda job, indexes, environ: given.append((job, list(indexes))))
    queue.give_again_unfinished({"DOCGEN_JOB_DIR": str(tmp_path)})
    assert given == [("half-made", [1, 3])]
    given.clear()
    queue.give_again_unfinished({"DOCGEN_JOB_DIR": str(tmp_path), "DOCGEN_REDIS_URL": "redis://x"})
    assert given == []  # Redis takes back a dead worker's messages itself


# --- the language of each document --------------------------------------------------------------


def made(client, response) -> dict[str, bytes]:
    """The job's ZIP by file name, each document made here as a worker would."""
    assert response.status_code == 202, response.get_json()
    job = response.get_json()
    for index in range(job["progress"]["total"]):
        queue.make_document(job["id"], index)
    with zipfile.ZipFile(io.BytesIO(client.get(f"/api/v1/jobs/{job['id']}/result").data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_job_item_is_written_in_the_language_asked_and_named_in_it(client, rustam):
    response = client.post("/api/v1/jobs", json={"items": [
        {"case": rustam, "kind": "cat-complaint", "format": "html", "language": "ru"},
        {"case": rustam, "kind": "cat-complaint", "format": "html"}]})
    files = made(client, response)
    (russian,) = [name for name in files if name.endswith("-zhaloba-ru.html")]
    (english,) = [name for name in files if name.endswith("-cat-complaint.html")]
    assert "Жалоба в Комитет против пыток" in files[russian].decode()
    assert "Complaint to the Committee against Torture" not in files[russian].decode()
    assert "Complaint to the Committee against Torture" in files[english].decode()


def test_a_group_is_written_in_the_language_asked(client, rustam):
    files = made(client, post_group(client, rustam, table(2), format="docx", language="nb"))
    assert sorted(files) == ["p01-klage-nb.docx", "p02-klage-nb.docx"]
    text = docx_text(files["p01-klage-nb.docx"])
    assert "Given Familyname01" in text and "utlendingsloven" in text and "Immigration Act" not in text


@pytest.mark.parametrize("body, field", [
    ({"items": [{"case": {}, "kind": "cat-complaint", "language": "nb"}]}, "items.0.language"),
    ({"items": [{"case": {}, "kind": "cat-complaint", "language": "xx"}]}, "items.0.language"),
    ({"base": {}, "people": "a", "kind": "appeal-letter", "language": "ru"}, "language"),
])
def test_a_language_the_document_is_not_written_in_is_refused_by_field(client, body, field):
    errors = assert_error(client.post("/api/v1/jobs", json=body), 422, "invalid_job")["errors"]
    assert list(errors) == [field]
