"""Amounts in Vietnamese words (reports/vn_words.py)."""

from __future__ import annotations

import pytest

from reports.vn_words import amount_words, number_words


@pytest.mark.parametrize("n, words", [
    (0, "không"),
    (7, "bảy"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (31, "ba mươi mốt"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (1000, "một nghìn"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1050, "một nghìn không trăm năm mươi"),
    (21000, "hai mươi mốt nghìn"),
    (234000, "hai trăm ba mươi tư nghìn"),
    (1_000_500, "một triệu năm trăm"),
    (1_000_050, "một triệu không trăm năm mươi"),
    (1_250_000, "một triệu hai trăm năm mươi nghìn"),
    (2_000_000_000, "hai tỷ"),
    (1_001_001_001, "một tỷ không trăm linh một triệu không trăm linh một nghìn không trăm linh một"),
    (15_000_000_015, "mười lăm tỷ không trăm mười lăm"),
    (1_000_000_000_000, "một nghìn tỷ"),
])  # fmt: skip
def test_number_words(n, words):
    assert number_words(n) == words


def test_regional_forms():
    assert number_words(105, zero_ten="lẻ") == "một trăm lẻ năm"
    assert number_words(45, five="nhăm") == "bốn mươi nhăm"
    assert number_words(15, five="nhăm") == "mười lăm"  # after "mười" five stays "lăm"


def test_amount_words_is_a_sentence_in_dong():
    assert amount_words(1_250_000) == "Một triệu hai trăm năm mươi nghìn đồng"
    assert amount_words(0) == "Không đồng"


@pytest.mark.parametrize("bad", [-1, 2.5, True, "100"])
def test_refuses_what_is_not_a_whole_amount(bad):
    with pytest.raises(ValueError):
        number_words(bad)
