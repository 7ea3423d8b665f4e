"""The patterns the extraction rules share: tag sets and the class, label and text patterns by
which news CMSs mark what a part of a page is."""

from __future__ import annotations

import re

BOILERPLATE_TAGS = frozenset(("nav", "aside", "footer", "form", "header", "menu"))
BOILERPLATE_CLASS = re.compile(
    r"(^|[\s_-])(side-?bar|sidebar\w*|widget\w*|related\w*|lien-?quan|tin-?lien-?quan|tin-?moi|"
    r"tin-?khac|other-?news|more-?news|most-?\w*|popular|xem-?nhieu|hot-?news|footer|menu|"
    r"navbar|nav|breadcrumbs?|banner|advert\w*|ads?|quang-?cao|share\w*|social|comments?|"
    r"binh-?luan|tags?|pagination|paging|phan-?trang|site-?header|top-?bar|marquee|weather|"
    r"path|duong-?dan|cookie\w*|consent\w*|gdpr|newsletter\w*|outbrain|taboola|trending\w*|recommended|author-?bio|"
    r"about-?the-?author|bio)([\s_-]|$)",
    re.I,
)
# text inside these is not body text (players' fallback text, scripts, form controls)
NOT_BODY_TAGS = frozenset(("script", "style", "noscript", "video", "iframe", "object", "embed",
                           "audio", "svg", "canvas", "template", "button", "select", "input",
                           "textarea"))  # fmt: skip
# text inside these is not text at all (what BeautifulSoup's get_text leaves out too)
NOT_TEXT_TAGS = frozenset(("script", "style", "template", "rt", "rp"))
# the markup of player libraries (Facebook's fb-video, Video.js, Flowplayer, Plyr, MediaElement)
PLAYER_CLASS = re.compile(r"video-?player|jwplayer|plyr|fb-video|video-js|flowplayer|mejs-|mediaelement", re.I)
LEAD_CLASS = re.compile(
    r"(^|[\s_-])(sapo|lead|summary|excerpt|description|tom-?tat|chapeau|intro|abstract|desc)([\s_-]|$)",
    re.I,
)
AUTHOR_CLASS = re.compile(r"(^|[\s_-])(author|byline|tac-?gia|writer|signature|nguon)([\s_-]|$)", re.I)
META_CLASS = re.compile(
    r"(^|[\s_-])(meta|post-?meta|entry-?meta|date|time|times|datetime|author|byline|info|"
    r"post-?info|entry-?info|article-?info|tools|toolbar|print|views?|luot-?xem|counter|rating)([\s_-]|$)",
    re.I,
)
SIDEBAR_CLASS = re.compile(
    r"(^|[\s_-])(side-?bar|sidebar\w*|widget\w*|menu|related\w*|lien-?quan|tin-?lien-?quan|"
    r"tin-?khac|other-?news|more-?news)([\s_-]|$)",
    re.I,
)
# "lblPath", "news-path", "duong-dan": the crumbs of table-laid portals too
BREADCRUMB_CLASS = re.compile(r"breadcrumb|path([\s_-]|$)|duong-?dan", re.I)
# paragraph-like blocks of a body, and what makes an element a container rather than a block
BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "li", "figcaption", "blockquote", "div", "td")
BLOCK_CHILDREN = ("p", "div", "h1", "h2", "h3", "h4", "li", "figcaption", "table", "blockquote")
CONTAINER_TAGS = ("div", "article", "section", "main", "td")
META_LINE = re.compile(
    r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|lượt xem|lượt đọc|cập nhật|ngày đăng|đăng lúc|"
    r"\bviews?\b",
    re.I,
)
UPDATED_HINT = re.compile(r"(updated|modified|cập nhật|sửa|chỉnh sửa|edit)", re.I)
TODAY_HINT = re.compile(r"hôm nay|today", re.I)
BYLINE_LABEL = re.compile(
    r"^\s*(theo\b|tin\s*[,:&/và]|bài\s*[,:&/và]|ảnh\s*:|video\s*:|clip\s*:|nhóm\s+pv|pv\b|ctv\b|"
    r"tác giả|thực hiện|phóng viên|nguồn\s*:)",
    re.I,
)
# a signature's label ("Tác giả:", "Nguồn :", "PV:", "CTV:", "Bài, ảnh:", "Bài - ảnh:", "Thực hiện:"…):
# not part of the name
SIGNATURE_LABEL = re.compile(
    r"^\s*\(?\s*(?:tác\s*giả|nguồn(?:\s*tin)?|p\.?\s*v|ctv|phóng\s*viên|cộng\s*tác\s*viên|"
    r"nhóm\s*(?:pv|ctv|phóng\s*viên)|thực\s*hiện|người\s*viết|biên\s*tập|"
    r"(?:bài|tin|video|clip)(?:\s*(?:[,&/\-–—+]|và)\s*(?:ảnh|video|clip|bài))*)\s*[:：]\s*",
    re.I,
)
# "Ảnh:" anywhere in a text, and what before it makes it part of a signature's label ("Bài, ảnh:")
PHOTO_LABEL = re.compile(r"(?<!\w)ảnh\s*[:：]", re.I)
LABEL_BEFORE_PHOTO = re.compile(r"(?:^|\W)(?:bài|tin|video|clip)\s*(?:[,&/\-–—+]|và)\s*$", re.I)
CAPTION_START = re.compile(r"\(?\s*ảnh\s*[:：]", re.I)
AUTHOR_LABEL = re.compile(r"^\s*(tác giả|author|người viết|bởi|by)\s*[:：]?\s*", re.I)
PHOTO_CREDIT = re.compile(r"(?:^|[\s(])Ảnh\s*[:：]\s*(.+)$", re.M)
ARTICLE_TYPES = frozenset(("newsarticle", "article", "blogposting", "reportagenewsarticle",
                           "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
                           "reviewnewsarticle", "liveblogposting", "socialmediaposting",
                           "discussionforumposting", "techarticle", "scholarlyarticle", "report",
                           "posting", "webpage"))  # fmt: skip
PUBLISHED_CLASS = re.compile(
    r"(^|[\s_-])(published|pubdate|date-?published|publish-?date)([\s_-]|$)", re.I
)
DATE_LIKE = re.compile(
    r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|\d{1,2}\s*:\s*\d{2}\s*[-–|,]?\s*\d{1,2}\s*/|ngày\s+\d"
)
