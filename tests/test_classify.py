import pytest

from pipeline.classify import Classifier
from pipeline.settings import load_config


@pytest.fixture(scope="module")
def classifier():
    return Classifier(load_config().rules)


@pytest.mark.parametrize(
    ("title", "cats", "words", "player", "kind", "with_video"),
    [
        ("[Video] Hội thao CNVCLĐ", [], 400, False, "video", True),
        ("[VIDEO] Hội thao", [], 400, False, "video", True),
        ("Video: Tết Sum vầy", [], 400, False, "video", True),
        ("Clip: Tháng Công nhân", [], 400, False, "video", True),
        ("(Video) Ngày hội", [], 400, False, "video", True),
        ("Ngày hội", ["Video"], 400, False, "video", True),
        ("Ngày hội", [], 149, True, "video", True),
        ("Ngày hội", [], 150, True, "news", True),
        ("Ngày hội", ["Chuyên đề"], 300, False, "article", False),
        ("Ngày hội", ["phong-su"], 300, False, "article", False),
        ("Ngày hội", ["Chuyên đề - Phóng sự"], 300, False, "article", False),
        ("Ngày hội", ["Video - Clip"], 300, False, "video", True),
        ("Ngày hội", ["Tin tức", "video-clip"], 300, False, "video", True),
        ("Ngày hội", ["Tin tức"], 300, False, "news", False),
        ("Bài 2: Những người thợ", [], 300, False, "article", False),
        ("Kỳ II: Nghĩa tình", [], 300, False, "article", False),
        ("Đại hội nhiệm kỳ 2023 - 2028", [], 300, False, "news", False),
        ("Bài 2 những người thợ", [], 300, False, "news", False),
        ("Tin dài", [], 1000, False, "article", False),
        ("Tin dài", [], 999, False, "news", False),
        ("Tin dài có clip", [], 1200, True, "article", True),
    ],
)
def test_kind_rules(classifier, title, cats, words, player, kind, with_video):
    k = classifier.classify(title, cats, words, player)
    assert (k.kind, k.with_video) == (kind, with_video)


def test_repost_is_a_byline_starting_with_theo(classifier):
    assert classifier.is_repost("Theo Kiều Minh/baohatinh.vn")
    assert classifier.is_repost("Theo: MAI ANH (Báo Lao Động)")
    assert classifier.is_repost("(Theo baohatinh.vn)")
    assert not classifier.is_repost("Thu Hà")
    assert not classifier.is_repost("")


def test_bulletin_and_contest_keywords(classifier):
    assert classifier.flags("Bản tin Công đoàn Hà Tĩnh số 3") == (True, False)
    assert classifier.flags("Phát động Cuộc thi trực tuyến tìm hiểu Luật Công đoàn") == (False, True)


SOURCE_LABELS = [f"{w}{sep}" for w in ("Nguồn", "NGUỒN", "nguồn", "Nguồn tin") for sep in (": ", " : ", ":", "： ")]


@pytest.mark.parametrize("label", SOURCE_LABELS)
def test_a_source_label_naming_another_outlet_is_a_repost_a_unit_is_not(classifier, label):
    for outlet in ("Theo Thu Hiền/baohatinh.vn", "theo Báo Lao Động", "Báo Hà Tĩnh", "Tạp chí Lao động và Công đoàn"):
        assert classifier.is_repost(f"{label}{outlet}"), label + outlet
        assert classifier.is_repost(f"({label}{outlet})"), label + outlet
        assert classifier.is_repost(f"Tác giả: Thu Hiền - {label}{outlet}"), label + outlet
        assert classifier.is_repost(f"PV: Thu Hiền; {label}{outlet}"), label + outlet
    assert not classifier.is_repost(f"{label}LĐLĐ huyện Nghi Xuân")
    assert not classifier.is_repost(f"Tác giả: Ngọc Ánh - {label}LĐLĐ huyện Nghi Xuân")
    assert not classifier.is_repost("Thu Hà - Ảnh: Minh Thái")
