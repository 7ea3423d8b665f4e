import random
import unicodedata

from collectors.textnorm import ascii_fold, clean, count_words, fold, one_line


def test_tone_mark_placement_and_case_give_one_key():
    assert fold("Hoà Bình") == fold("hòa bình")
    assert fold("thuỷ lợi") == fold("THỦY LỢI")
    assert fold("khoẻ") == fold("khỏe")


def test_eth_and_d_with_stroke_and_spaces():
    assert fold("LÐLĐ\u00a0huyện  Can Lộc") == fold("LĐLĐ huyện Can Lộc")
    assert clean("Thu Hà ( LĐLĐ huyện Kỳ Anh )") == "Thu Hà (LĐLĐ huyện Kỳ Anh)"


def test_i_and_y_after_a_consonant_and_dashes():
    assert fold("Kì Anh") == fold("Kỳ Anh")
    assert fold("Giao thông – Xây dựng") == fold("Giao thông - Xây dựng")
    # y after a vowel is left alone
    assert fold("thủy") != fold("thủi")


def test_ascii_fallback_drops_marks():
    assert ascii_fold("Liên đoàn Lao động huyện Đức Thọ") == "lien doan lao dong huyen duc tho"


def test_word_count_counts_tokens_with_a_letter_or_digit():
    assert count_words("Sáng 30/4 – đoàn đã trao 50 suất quà .") == 8
    assert count_words("") == 0
    # NFD input counts the same as NFC
    import unicodedata

    text = "Người lao động được hỗ trợ"
    assert count_words(unicodedata.normalize("NFD", text)) == count_words(text) == 6


def test_a_word_is_a_whitespace_token_holding_a_letter_or_digit():
    rnd = random.Random(1)  # punctuation runs, odd spaces, combining marks, underscores
    chars = [*"aăđ1 _-,.!?()\t\n", "\u00a0", "\u2003", "\u3000", "\x1c", "x\u0300", "…"]
    for _ in range(5000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randrange(0, 30)))
        tokens = unicodedata.normalize("NFC", text).split()
        assert count_words(text) == sum(1 for t in tokens if any(c.isalnum() for c in t)), repr(text)


def test_one_line_keeps_every_letter_and_leaves_single_spaces_only():
    rnd = random.Random(2)  # brackets, odd spaces, zero-width characters, decomposed marks
    chars = [*"a( )[]\n\tĐx.", "\u00a0", "\u200b", "\u00ad", "\u00d0", "\u0110", "e\u0301", "\ufeff"]
    for _ in range(5000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randrange(0, 24)))
        got = one_line(text)
        assert got == got.strip() and "  " not in got and not any(c.isspace() and c != " " for c in got)
        assert not any(p in got for p in ("( ", "[ ", " )", " ]", "\u200b", "\u00ad", "\ufeff"))
        assert unicodedata.is_normalized("NFC", got)
        letters = unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u0110", "Đ")
        assert got.replace(" ", "") == "".join(c for c in letters if not c.isspace() and c not in "\u200b\u00ad\ufeff")
