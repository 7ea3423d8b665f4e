"""What an officer meets in a month with no data, on the plan's date boxes and on the Báo cáo
page: no green "nothing to do" and no "Có nguy cơ không đạt" without data, whole numbers for
pace, dates written dd/mm/yyyy, every report listed with when and by whom, no future report."""

from __future__ import annotations

import re
from datetime import date

from pipeline.nightly.settings import KV_PROVISIONAL, KV_REPORT_FILES
from pipeline.store import Store, plan_marks
from reports.common import local_now
from tests.helpers.desk import signed_in, token_for

EMPTY = "2024-12"  # a month before the demo's data starts (with the year-end video window)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_worklist_of_an_empty_month_says_there_is_no_data(app):
    client = signed_in(app, "bientap")
    html = client.get(f"/can-xu-ly?month={EMPTY}").get_data(as_text=True)
    assert 'id="no-data"' in html and "Chưa có số liệu" in html
    assert "ok-box" not in html and "Không còn tin, bài nào cần xử lý" not in html
    full = client.get("/can-xu-ly?month=2025-05").get_data(as_text=True)
    assert 'id="no-data"' not in full


def test_quotas_without_data_are_not_at_risk(app):
    client = signed_in(app, "xem")
    html = client.get(f"/?month={EMPTY}").get_data(as_text=True)
    table = html[html.index('<table class="quotas'):html.index("</table>", html.index('<table class="quotas'))]
    assert "Có nguy cơ không đạt" not in table and "Chưa đạt" not in table
    assert "Chưa có số liệu" in table
    # the year-end video window names no unit as missing from data never read
    videos = html[html.index("Đơn vị chưa có video trong đợt sự kiện"):].split("</section>")[0]
    assert '<ul class="chips">' not in videos and "Chưa có số liệu" in videos
    person = client.get(f"/contributors?month={EMPTY}").get_data(as_text=True)
    assert "Chưa đạt" not in person


def test_pace_and_projection_are_whole_numbers(app):
    client = signed_in(app, "xem")
    html = client.get("/?month=2025-05").get_data(as_text=True)
    cells = re.findall(r'data-label="(?:Tiến độ đều đến nay|Dự kiến cuối kỳ)">([^<]*)<', html)
    assert cells and all(re.fullmatch(r"[\d.]+|—", c) for c in cells), cells


def test_the_plan_takes_and_shows_dates_as_dd_mm_yyyy(app, demo):
    client = signed_in(app, "bientap")
    html = client.get("/plan").get_data(as_text=True)
    assert 'type="date"' not in html and 'placeholder="dd/mm/yyyy"' in html
    # a past month's B.I.3 is marked in that month (its due day), not today
    row = re.search(r'<tr data-plan="B\.I\.3:2025-05">.*?</tr>', html, re.S).group(0)
    assert 'value="28/05/2025"' in row
    resp = client.post("/plan/mark", data={"id": "B.I.3:2025-05", "done_on": "27/5/2025", "note": "",
                                           "csrf_token": token_for(client, "/plan")})  # fmt: skip
    assert resp.status_code == 302
    with Store(demo[0]) as s:
        assert plan_marks.marks(s.conn)["B.I.3:2025-05"]["done_on"] == "2025-05-27"
    bad = client.post("/plan/mark", data={"id": "B.V.1", "done_on": "31/02/2025",
                                          "csrf_token": token_for(client, "/plan")})  # fmt: skip
    assert bad.status_code == 400 and "dd/mm/yyyy" in bad.get_data(as_text=True)


def test_the_reports_page_lists_every_report_with_when_and_who(app, demo, tmp_path):
    night = tmp_path / "night" / "2025-04"
    night.mkdir(parents=True)
    for ext in ("docx", "xlsx"):
        (night / f"bao-cao-thang-2025-04.{ext}").write_bytes(b"x")
    (night / "khong-phai-bao-cao.txt").write_text("x")
    with Store(demo[0]) as s:
        s.set_kv(KV_REPORT_FILES, {"2025-04": [str(night / "bao-cao-thang-2025-04.docx"),
                                               "/etc/passwd"]})  # fmt: skip
        s.set_kv(KV_PROVISIONAL, "2025-04")  # written after a failed collection
    client = signed_in(app, "bientap")
    page = client.get("/reports").get_data(as_text=True)
    assert 'name="period"' in page and "<select name=\"period\"" in page
    assert 'input name="period"' not in page  # chosen from a list, not typed
    resp = client.post("/reports", data={"kind": "month", "period": "2025-05",
                                         "csrf_token": token_for(client, "/reports")}, follow_redirects=True)  # fmt: skip
    page = resp.get_data(as_text=True)
    assert "Đã lập báo cáo tháng 5/2025" in page
    rows = re.findall(r'<tr data-where="(\w+)" data-period="([\d-]+)">(.*?)</tr>', page, re.S)
    desk = [r for r in rows if r[:2] == ("desk", "2025-05")]
    nightly = [r for r in rows if r[:2] == ("nightly", "2025-04")]
    assert desk and "bientap" in desk[0][2] and re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", desk[0][2])
    assert nightly and "hằng đêm" in nightly[0][2] and "DOCX" in nightly[0][2]
    assert "bản tạm" in nightly[0][2]
    assert "passwd" not in page
    got = client.get("/reports/nightly/2025-04/bao-cao-thang-2025-04.docx")
    assert got.status_code == 200 and got.data == b"x"
    assert client.get("/reports/nightly/2025-04/khong-phai-bao-cao.txt").status_code == 404
    assert client.get("/reports/nightly/..%2F..%2Fetc/passwd").status_code == 404


def test_a_future_period_is_refused_and_the_current_one_warned(app):
    client = signed_in(app, "bientap")
    now = local_now().date()
    future = date(now.year + 1, 1, 1)
    resp = client.post("/reports", data={"kind": "month", "period": f"{future:%Y-%m}",
                                         "csrf_token": token_for(client, "/reports")}, follow_redirects=True)  # fmt: skip
    text = text_of(resp.get_data(as_text=True))
    assert "kỳ này chưa bắt đầu" in text and "Đã lập" not in text
    resp = client.post("/reports", data={"kind": "year", "period": str(future.year),
                                         "csrf_token": token_for(client, "/reports")}, follow_redirects=True)  # fmt: skip
    assert "kỳ này chưa bắt đầu" in text_of(resp.get_data(as_text=True))
    page = client.get("/reports").get_data(as_text=True)
    assert f'value="{future:%Y-%m}"' not in page and f'value="{future.year}"' not in page
    resp = client.post("/reports", data={"kind": "month", "period": f"{now:%Y-%m}",
                                         "csrf_token": token_for(client, "/reports")}, follow_redirects=True)  # fmt: skip
    text = text_of(resp.get_data(as_text=True))
    assert "Đã lập báo cáo tháng" in text and "chưa kết thúc" in text


def test_a_day_is_read_as_people_write_it():
    from pipeline.desk.validate import BadInput, day

    for text in ("20/05/2025", "20/5/2025", " 20.05.2025 ", "20-05-2025", "20052025", "2025-05-20"):
        assert day(text) == date(2025, 5, 20), text
    for text in ("31/02/2025", "05/20/2025", "2025/05/20", "20/05/25", "2005202", ""):
        try:
            day(text)
        except BadInput:
            continue
        raise AssertionError(f"{text!r} was read as a day")
