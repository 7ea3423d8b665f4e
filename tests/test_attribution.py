from datetime import date

import pytest

from pipeline.attribution import Attributor
from pipeline.settings import Contributor, load_config


@pytest.fixture(scope="module")
def attributor():
    config = load_config()
    people = [
        Contributor(id="thu-ha", name="Thu Hà", aliases=["T. Hà"], unit="ldld-h-ky-anh", role="ctv"),
        Contributor(id="hong-nguyen", name="Hồng Nguyên", unit="", role="bbt"),
    ]
    return Attributor(config.units, people, config.site.site.site_authors)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Liên đoàn Lao động (LĐLĐ) thị xã Hồng Lĩnh đã tổ chức", "ldld-tx-hong-linh"),
        ("LĐLĐ TX Kỳ Anh trao quà", "ldld-tx-ky-anh"),
        ("LĐLĐ TX. Kỳ Anh trao quà", "ldld-tx-ky-anh"),
        ("LĐLĐ H. Cẩm Xuyên thăm", "ldld-cam-xuyen"),
        ("LĐLĐ huyện Kì Anh", "ldld-h-ky-anh"),
        ("CĐN Nông nghiệp và PTNT", "cdn-nong-nghiep"),
        ("Công đoàn ngành Giao thông – Xây dựng", "cdn-gtxd"),
        ("Công đoàn các Khu Kinh tế tỉnh", "cd-kkt"),
        ("CĐ Giáo dục tổ chức", "cd-giao-duc"),
        ("LĐLĐ TP Hà Tĩnh", "ldld-tp-ha-tinh"),
        ("Công đoàn Hà Tĩnh phát động", "ldld-tinh"),
        ("LĐLĐ tỉnh Hà Tĩnh", "ldld-tinh"),
        ("LÐLĐ huyện Can Lộc", "ldld-can-loc"),
        ("Liên\u00a0đoàn Lao động huyện Hương Sơn", "ldld-huong-son"),
        ("LDLD huyen Can Loc", "ldld-can-loc"),
        # never a unit
        ("tại huyện Can Lộc", None),
        ("Công đoàn cơ sở Trường THCS Cẩm Xuyên", None),
        ("CĐCS Công ty Y tế", None),
        ("Tổng Liên đoàn Lao động Việt Nam", None),
        ("thực hiện 06/NQ-LĐLĐ tỉnh", None),
        ("LĐLĐ Kỳ Anh tổ chức", None),  # fits two units
        ("Thạch Hà", None),
    ],
)
def test_unit_names(attributor, text, unit):
    assert attributor.matcher.first(text, date(2025, 5, 1))[0] == unit


def test_first_named_unit_wins(attributor):
    text = "LĐLĐ huyện Đức Thọ phối hợp với LĐLĐ huyện Can Lộc"
    assert attributor.matcher.first(text, None)[0] == "ldld-duc-tho"


def test_order_byline_then_contributor_then_title_then_lead(attributor):
    on = date(2025, 5, 2)
    a = attributor.attribute(title="LĐLĐ huyện Can Lộc thăm", lead="LĐLĐ huyện Đức Thọ",
                             byline="Thu Hà (LĐLĐ huyện Nghi Xuân)", on=on, is_repost=False)
    assert (a.unit_id, a.contributors) == ("ldld-nghi-xuan", ["thu-ha"])
    a = attributor.attribute(title="LĐLĐ huyện Can Lộc thăm", lead="", byline="T. Hà", on=on, is_repost=False)
    assert a.unit_id == "ldld-h-ky-anh" and a.reason.startswith("contributor")
    a = attributor.attribute(title="LĐLĐ huyện Can Lộc thăm", lead="LĐLĐ huyện Đức Thọ",
                             byline="HỒNG NGUYÊN", on=on, is_repost=False)
    assert (a.unit_id, a.contributors) == ("ldld-can-loc", ["hong-nguyen"])
    a = attributor.attribute(title="Hội nghị", lead="Sáng 2/5, LĐLĐ huyện Đức Thọ tổ chức",
                             byline="Nhóm PV", on=on, is_repost=False)
    assert a.unit_id == "ldld-duc-tho"


def test_repost_and_photo_credit_never_attribute(attributor):
    a = attributor.attribute(title="LĐLĐ huyện Can Lộc", lead="", byline="Theo Kiều Minh/baohatinh.vn",
                             on=None, is_repost=True)
    assert a.unit_id is None
    a = attributor.attribute(title="Hội nghị", lead="Ảnh: Quang Huy (LĐLĐ huyện Nghi Xuân)",
                             byline="Hồng Nguyên - Ảnh: Thu Hà (LĐLĐ huyện Can Lộc)", on=None, is_repost=False)
    assert a.unit_id is None
    assert a.contributors == ["hong-nguyen"]


def test_co_authors_each_get_credit(attributor):
    a = attributor.attribute(title="x", lead="", byline="Bài và ảnh: Thu Hà - Hồng Nguyên", on=None, is_repost=False)
    assert a.contributors == ["hong-nguyen", "thu-ha"] or a.contributors == ["thu-ha", "hong-nguyen"]


def test_unit_after_its_end_date_goes_to_its_successor():
    config = load_config(overrides={"units": {"units": [
        {"id": "cum-1", "name": "Cụm 1", "type": "other", "aliases": ["Cụm công đoàn số 1"], "valid_from": date(2025, 7, 1)},
        {"id": "ldld-can-loc", "successor": "cum-1"},
    ]}})
    a = Attributor(config.units, [], [])
    assert a.matcher.first("LĐLĐ huyện Can Lộc", date(2025, 6, 30))[0] == "ldld-can-loc"
    assert a.matcher.first("LĐLĐ huyện Can Lộc", date(2025, 7, 1))[0] == "cum-1"


SIGNATURE_LABELS = ["Tác giả", "Nguồn", "PV", "P.V", "CTV", "Phóng viên", "Cộng tác viên", "Thực hiện",
                    "Bài, ảnh", "Bài - ảnh", "Bài và ảnh", "Tin, ảnh", "Nhóm PV"]  # fmt: skip


@pytest.mark.parametrize("label", SIGNATURE_LABELS)
def test_a_signatures_labels_are_no_name_and_a_unit_is_nobody(attributor, label):
    for spelled in (f"{label}: ", f"{label.upper()} : ", f"{label}:"):
        a = attributor.attribute(title="x", lead="", byline=f"{spelled}Thu Hà", on=None, is_repost=False)
        assert (a.names, a.contributors) == (["Thu Hà"], ["thu-ha"]), spelled
        a = attributor.attribute(title="LĐLĐ huyện Can Lộc", lead="", on=None, is_repost=False,
                                 byline=f"{spelled}Hồng Nguyên - Nguồn: LĐLĐ huyện Nghi Xuân")
        assert (a.unit_id, a.names, a.contributors) == ("ldld-nghi-xuan", ["Hồng Nguyên"], ["hong-nguyen"]), spelled
        a = attributor.attribute(title="x", lead="", byline=f"Hồng Nguyên - {spelled}Thu Hà", on=None, is_repost=False)
        assert a.names == ["Hồng Nguyên", "Thu Hà"], spelled
