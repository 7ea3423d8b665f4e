"""Vietnamese text pools for the synthetic replica, and the word count of DESIGN.md.

Everything here is invented: activities, sentences and people's names are common, generic
Vietnamese phrases. Unit names are written with the variants the real site uses (abbreviations,
Kì/Kỳ, en dash, U+00D0 typed for Đ, non-breaking spaces, ``( X )`` spacing).
"""

from __future__ import annotations

import re
import unicodedata

SITE_NAME = "Công đoàn Hà Tĩnh"
REAL_BASE = "https://congdoanhatinh.org.vn"

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def count_words(text: str) -> int:
    """A word is a whitespace-separated token, after NFC, that holds a letter or digit."""
    text = unicodedata.normalize("NFC", text or "")
    return sum(1 for tok in text.split() if any(c.isalnum() for c in tok))


def ascii_slug(text: str, limit: int = 80) -> str:
    text = unicodedata.normalize(
        "NFD", text.replace("Đ", "D").replace("đ", "d").replace("\u00d0", "D")
    )
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "bai-viet"


# ---------------------------------------------------------------- units as the site writes them
# unit id -> spellings used in titles, leads and bylines (all name exactly that unit).
UNIT_NAMES: dict[str, list[str]] = {
    "ldld-tinh": ["Công đoàn Hà Tĩnh", "LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh"],
    "ldld-tp-ha-tinh": [
        "LĐLĐ TP Hà Tĩnh",
        "LĐLĐ thành phố Hà Tĩnh",
        "Liên đoàn Lao động thành phố Hà Tĩnh",
    ],
    "ldld-tx-hong-linh": [
        "Liên đoàn Lao động (LĐLĐ) thị xã Hồng Lĩnh",
        "LĐLĐ thị xã Hồng Lĩnh",
        "LĐLĐ TX. Hồng Lĩnh",
    ],
    "ldld-tx-ky-anh": ["LĐLĐ TX Kỳ Anh", "LĐLĐ thị xã Kỳ Anh", "Liên đoàn Lao động thị xã Kỳ Anh"],
    "ldld-h-ky-anh": ["LĐLĐ huyện Kỳ Anh", "LĐLĐ huyện Kì Anh", "Liên đoàn Lao động huyện Kỳ Anh"],
    "ldld-cam-xuyen": [
        "LĐLĐ H. Cẩm Xuyên",
        "LĐLĐ huyện Cẩm Xuyên",
        "Liên đoàn Lao động huyện Cẩm Xuyên",
    ],
    "ldld-thach-ha": ["LĐLĐ huyện Thạch Hà", "Liên đoàn Lao động huyện Thạch Hà"],
    "ldld-can-loc": ["LĐLĐ huyện Can Lộc", "Liên đoàn Lao động huyện Can Lộc"],
    "ldld-loc-ha": ["LĐLĐ huyện Lộc Hà", "Liên đoàn Lao động huyện Lộc Hà"],
    "ldld-nghi-xuan": ["LĐLĐ huyện Nghi Xuân", "Liên đoàn Lao động huyện Nghi Xuân"],
    "ldld-duc-tho": ["LĐLĐ huyện Đức Thọ", "Liên đoàn Lao động huyện Đức Thọ"],
    "ldld-huong-son": ["Thường trực Liên đoàn Lao động huyện Hương Sơn", "LĐLĐ huyện Hương Sơn"],
    "ldld-vu-quang": ["LĐLĐ huyện Vũ Quang", "Liên đoàn Lao động huyện Vũ Quang"],
    "ldld-huong-khe": ["LĐLĐ huyện Hương Khê", "Liên đoàn Lao động huyện Hương Khê"],
    "cd-kkt": [
        "Công đoàn các Khu Kinh tế tỉnh",
        "Công đoàn các Khu kinh tế tỉnh",
        "Công đoàn Khu kinh tế",
    ],
    "cd-vien-chuc": ["Công đoàn Viên chức tỉnh", "CĐ Viên chức tỉnh"],
    "cd-giao-duc": ["CĐ Giáo dục", "Công đoàn Giáo dục tỉnh"],
    "cdn-nong-nghiep": ["CĐN Nông nghiệp và PTNT", "Công đoàn ngành Nông nghiệp"],
    "cdn-y-te": ["Công đoàn ngành Y tế", "CĐN Y tế"],
    "cdn-cong-thuong": ["Công đoàn ngành Công thương", "CĐN Công thương"],
    "cdn-gtxd": ["Công đoàn ngành Giao thông – Xây dựng", "CĐN Giao thông - Xây dựng"],
}
# Units the generator favours (district federations write most of the news).
UNIT_WEIGHTS = {uid: (1 if uid.startswith(("cd", "ldld-tinh")) else 2) for uid in UNIT_NAMES}


def spell_variant(name: str, variant: int) -> str:
    """Typing accidents of the real site: Ð (U+00D0) for Đ, non-breaking spaces."""
    if variant == 1:
        return name.replace("Đ", "\u00d0")
    if variant == 2:
        return name.replace(" ", "\u00a0")
    return name


# Phrases that name NO unit (or are ambiguous): they must never attribute.
TRAPS_NONE = [
    "Công đoàn cơ sở Trường THCS Xuân Viên",
    "CĐCS Công ty Cổ phần Môi trường và Dịch vụ đô thị",
    "Công đoàn cơ sở Trường Tiểu học Thạch Trung",
    "CĐCS Bệnh viện Đa khoa khu vực",
]
TRAP_PLACES = [
    "tại huyện Can Lộc",
    "tại thị xã Hồng Lĩnh",
    "tại xã Thạch Hà",
    "trên địa bàn huyện Hương Khê",
    "tại huyện Cẩm Xuyên",
]
TRAP_TEXTS = [
    "theo tinh thần Nghị quyết số 06/NQ-LĐLĐ",
    "theo hướng dẫn của Tổng Liên đoàn Lao động Việt Nam",
    "hưởng ứng chủ trương của Tổng Liên đoàn Lao động Việt Nam",
]
AMBIGUOUS = ["LĐLĐ Kỳ Anh", "Liên đoàn Lao động Kỳ Anh"]

# ---------------------------------------------------------------- activities
# (verb phrase used after a unit, noun phrase used as a title on its own)
ACTIVITIES = [
    "trao quà cho đoàn viên có hoàn cảnh khó khăn",
    "tổ chức Hội nghị người lao động năm 2025",
    "ra mắt mô hình Bữa cơm Công đoàn",
    "thăm hỏi công nhân lao động bị tai nạn lao động",
    "tập huấn nghiệp vụ công tác tài chính công đoàn",
    "phát động Tháng Công nhân năm 2025",
    "tổ chức giải bóng chuyền hơi công nhân viên chức lao động",
    "bàn giao Mái ấm Công đoàn cho đoàn viên",
    "tổ chức Hội thi an toàn, vệ sinh lao động",
    "ký kết thỏa ước lao động tập thể nhóm doanh nghiệp",
    "đối thoại với công nhân lao động tại doanh nghiệp",
    "tuyên truyền Bộ luật Lao động cho người lao động",
    "tổ chức Ngày hội công nhân",
    "khám sức khỏe miễn phí cho nữ đoàn viên",
    "trao học bổng cho con đoàn viên vượt khó học giỏi",
    "kiểm tra công tác công đoàn tại cơ sở",
    "tổ chức lễ kết nạp đoàn viên mới",
    "sơ kết hoạt động công đoàn quý I",
    "tổ chức Chương trình Phiên chợ nghĩa tình",
    "tặng sổ tiết kiệm cho đoàn viên nghèo",
    "tổ chức tọa đàm về bình đẳng giới",
    "hỗ trợ đoàn viên khắc phục hậu quả thiên tai",
    "tổ chức Hội thao chào mừng ngày Quốc tế Lao động",
    "phát triển đoàn viên tại doanh nghiệp ngoài nhà nước",
    "giám sát việc thực hiện chính sách bảo hiểm xã hội",
    "tổ chức lớp bồi dưỡng cán bộ công đoàn cơ sở",
    "trao Cờ thi đua cho tập thể tiêu biểu",
    "tổ chức chương trình Tháng hành động về an toàn lao động",
]
SERIES_TOPICS = [
    "Đổi mới phương thức hoạt động công đoàn cơ sở",
    "Chăm lo đời sống công nhân lao động ở khu kinh tế",
    "Nâng cao chất lượng thương lượng tập thể",
    "Chuyển đổi số trong công tác công đoàn",
    "Xây dựng đội ngũ cán bộ công đoàn vững mạnh",
]
SERIES_PARTS = [
    "Bài 1: Những chuyển biến tích cực",
    "Bài 2: Khó khăn từ thực tiễn",
    "Bài 3: Giải pháp cho chặng đường mới",
    "Kỳ II: Lắng nghe người lao động",
    "Kỳ III: Từ nghị quyết đến hành động",
    "Phần 2: Những mô hình hay",
]
FEATURE_TITLES = [
    "Người giữ lửa phong trào ở công đoàn cơ sở",
    "Ấm áp những Mái ấm Công đoàn",
    "Khi công nhân có tiếng nói trong doanh nghiệp",
    "Lặng thầm những cán bộ công đoàn không chuyên trách",
    "Hành trình mang Tết đến với người lao động xa quê",
    "Vì một môi trường làm việc an toàn",
    "Những bữa cơm ca chất lượng hơn",
    "Công đoàn đồng hành cùng người lao động mất việc",
]
TERM_TITLES = [
    "Đại hội Công đoàn cơ sở Trường THCS Xuân Viên nhiệm kỳ 2023 - 2028",
    "Đại hội điểm công đoàn cơ sở doanh nghiệp nhiệm kỳ 2023 - 2028",
    "Tổng kết công tác công đoàn giữa nhiệm kỳ 2023 - 2028",
]
VIDEO_PREFIXES = ["[Video] ", "[VIDEO] ", "Video: ", "Clip: ", "(Video) "]
PLACES = [
    "tại Khu kinh tế Vũng Áng",
    "ở vùng biên giới",
    "dịp Tháng Công nhân",
    "trong quý II",
    "tại các doanh nghiệp",
    "ở khu vực nông thôn",
    "tại các trường học",
    "cho người lao động",
]

# ---------------------------------------------------------------- sentences
LEAD_OPENERS = [
    "Sáng nay",
    "Chiều qua",
    "Trong tuần qua",
    "Vừa qua",
    "Sáng thứ Bảy",
    "Chiều thứ Ba",
    "Ngày hôm qua",
]
LEAD_TAILS = [
    "với sự tham gia của đông đảo đoàn viên, công nhân viên chức lao động.",
    "nhằm chăm lo đời sống vật chất, tinh thần cho đoàn viên và người lao động.",
    "góp phần nâng cao nhận thức của người lao động về quyền và nghĩa vụ của mình.",
    "qua đó tạo không khí phấn khởi, gắn bó giữa người lao động và tổ chức công đoàn.",
    "thu hút hàng trăm đoàn viên và người lao động trên địa bàn tham dự.",
]
SENTENCES = [
    "Phát biểu tại buổi lễ, đồng chí Chủ tịch ghi nhận những nỗ lực của đoàn viên trong thời gian qua.",
    "Đây là hoạt động thiết thực nhằm động viên người lao động yên tâm công tác, gắn bó lâu dài với doanh nghiệp.",
    "Tổng kinh phí hỗ trợ gần 200 triệu đồng, được trích từ nguồn tài chính công đoàn và vận động xã hội hóa.",
    "Các đại biểu đã thảo luận sôi nổi, đóng góp nhiều ý kiến tâm huyết cho hoạt động của tổ chức công đoàn.",
    "Người lao động bày tỏ niềm vui và cảm ơn sự quan tâm kịp thời của tổ chức công đoàn các cấp.",
    "Ban tổ chức đã trao giấy chứng nhận và phần thưởng cho các tập thể, cá nhân có thành tích xuất sắc.",
    "Thời gian tới, công đoàn tiếp tục đổi mới nội dung, phương thức hoạt động, hướng mạnh về cơ sở.",
    "Nhiều doanh nghiệp đã chủ động phối hợp với công đoàn để giải quyết kịp thời kiến nghị của công nhân.",
    "Các hoạt động được tổ chức an toàn, tiết kiệm, hiệu quả và đúng quy định.",
    "Chương trình nhận được sự hưởng ứng nhiệt tình của cán bộ, đoàn viên trong toàn hệ thống.",
    "Qua kiểm tra, đoàn công tác đánh giá cao việc thực hiện quy chế dân chủ tại nơi làm việc.",
    "Công đoàn cũng đề nghị chủ doanh nghiệp quan tâm cải thiện điều kiện làm việc, nâng cao chất lượng bữa ăn ca.",
    "Hội nghị đã thông qua nghị quyết với tỷ lệ tán thành cao.",
    "Mỗi suất quà trị giá 500 nghìn đồng, gồm tiền mặt và nhu yếu phẩm thiết yếu.",
    "Nhiều mô hình hay, cách làm sáng tạo đã được nhân rộng trong thời gian qua.",
    "Trong năm, toàn ngành đã phát triển mới hàng trăm đoàn viên, thành lập thêm nhiều công đoàn cơ sở.",
    "Các vận động viên đã thi đấu với tinh thần đoàn kết, trung thực, cao thượng.",
    "Bên cạnh đó, vẫn còn một số khó khăn, hạn chế cần sớm được khắc phục.",
    "Đoàn viên được phổ biến những điểm mới của pháp luật về lao động, việc làm và bảo hiểm xã hội.",
    "Buổi đối thoại diễn ra thẳng thắn, cởi mở, nhiều kiến nghị đã được giải đáp ngay tại chỗ.",
    "Các cấp công đoàn đã chủ động nắm bắt tình hình tư tưởng, đời sống của người lao động.",
    "Dịp này, công đoàn cũng tổ chức thăm hỏi, tặng quà các gia đình chính sách trên địa bàn.",
    "Sau hội nghị, các đơn vị sẽ cụ thể hóa nội dung thành kế hoạch hành động phù hợp với thực tiễn.",
    "Theo đó, các cấp công đoàn tập trung triển khai đồng bộ các giải pháp chăm lo cho đoàn viên.",
    "Ý kiến của người lao động được tổng hợp đầy đủ và gửi đến các cơ quan có thẩm quyền xem xét.",
    "Nhiều gia đình đoàn viên đã vượt qua khó khăn, ổn định cuộc sống nhờ sự hỗ trợ kịp thời.",
    "Công tác tuyên truyền được đẩy mạnh trên nền tảng số, tiếp cận nhanh hơn với người lao động trẻ.",
    "Lãnh đạo doanh nghiệp cam kết tạo mọi điều kiện thuận lợi để tổ chức công đoàn hoạt động hiệu quả.",
]
THEO_DO = "Theo đó, các đơn vị đăng ký chỉ tiêu cụ thể và báo cáo kết quả về ban tổ chức trước cuối tháng."
FILLER_TEXT = (
    "các cấp công đoàn tiếp tục quan tâm chăm lo bảo vệ quyền và lợi ích hợp pháp chính đáng "
    "của đoàn viên và người lao động đồng thời đẩy mạnh công tác tuyên truyền vận động phát "
    "triển đoàn viên xây dựng tổ chức công đoàn vững mạnh gắn với phong trào thi đua yêu nước "
    "trong công nhân viên chức lao động góp phần thực hiện thắng lợi nhiệm vụ phát triển kinh "
    "tế xã hội của địa phương trong năm nay và những năm tiếp theo với nhiều cách làm mới "
    "sáng tạo phù hợp điều kiện thực tế của từng đơn vị từng doanh nghiệp trên địa bàn"
)
FILLER = FILLER_TEXT.split()
CAPTIONS = [
    "Đại biểu trao quà cho đoàn viên có hoàn cảnh khó khăn.",
    "Toàn cảnh hội nghị.",
    "Các đại biểu chụp ảnh lưu niệm.",
    "Người lao động phấn khởi nhận hỗ trợ từ tổ chức công đoàn.",
    "Quang cảnh buổi đối thoại tại doanh nghiệp.",
    "Các vận động viên tranh tài trên sân thi đấu.",
    "Lãnh đạo công đoàn thăm hỏi công nhân tại phân xưởng sản xuất.",
]
PHOTOGRAPHERS = ["Minh Tâm (LĐLĐ huyện Can Lộc)", "Văn Tú (LĐLĐ huyện Hương Khê)", "Hải Yến"]
VIDEO_FALLBACK = "Trình duyệt của bạn không hỗ trợ phát video này."
NOSCRIPT = "Vui lòng bật JavaScript để xem video."

# People who are NOT in the demo registry (bylines of unknown writers).
STRANGERS = ["Lê Văn Bình", "Nguyễn Thị Mai", "Trần Quang Huy", "Phạm Thị Hằng", "Đinh Công Lực"]
REPOST_BYLINES = [
    "Theo Kiều Minh/baohatinh.vn",
    "Theo: MAI ANH (Báo Lao Động)",
    "Theo Thanh Nga/laodong.vn",
    "Theo Hoài Nam (Báo Hà Tĩnh)",
]
ANONYMOUS_BYLINES = ["Nhóm PV", "CTV"]
