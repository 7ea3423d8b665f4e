"""Dates as Vietnamese sites write them. A time without a zone is local (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> str:
    """Now, as the store writes instants: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_local(dt: datetime) -> datetime:
    """An instant in local time; a naive time is taken as local (Asia/Ho_Chi_Minh)."""
    return dt.replace(tzinfo=LOCAL) if dt.tzinfo is None else dt.astimezone(LOCAL)


def utc_iso(dt: datetime) -> str:
    """An instant as the store writes it (a naive time is local)."""
    return to_local(dt).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(value: str | None) -> datetime | None:
    """A stored instant (``…Z``, or without a zone = UTC) as an aware datetime; None if unreadable."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)

# 17/04/2024 - 08:15, 17-04-2024 08:15, 08:15 17/04/2024, 17.04.2024
_DMY = r"(?P<d>\d{1,2})\s*[/\-.]\s*(?P<m>\d{1,2})\s*[/\-.]\s*(?P<y>(?:19|20)\d{2})"
_HM = (r"(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})(?:\s*:\s*(?P<S>\d{2}))?"
       r"(?:\s*(?P<ap>SA|CH|AM|PM|a\.m\.|p\.m\.)(?![^\W\d_]))?")  # 12-hour: sáng / chiều
DATE_TIME = re.compile(rf"{_DMY}(?:\s*(?:[-–|,]|lúc)?\s*{_HM}(?!\d))?", re.I)
TIME_DATE = re.compile(rf"(?<!\d){_HM}\s*(?:[-–|,]|ngày)?\s*{_DMY}", re.I)
# "ngày 17 tháng 4 năm 2024"
WORDY = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>(?:19|20)\d{2})", re.I
)


def _build(m: re.Match) -> datetime | None:
    g = m.groupdict()
    try:
        day = date(int(g["y"]), int(g["m"]), int(g["d"]))
        hour = int(g.get("H") or 0)
        ap = (g.get("ap") or "").lower().replace(".", "")
        if ap in ("ch", "pm") and hour < 12:
            hour += 12
        elif ap in ("sa", "am") and hour == 12:
            hour = 0
        minute = int(g.get("M") or 0)
        second = int(g.get("S") or 0)
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=LOCAL)
    except (TypeError, ValueError):
        return None


def find_date(text: str) -> tuple[datetime | None, bool]:
    """The first date written in ``text`` and whether it carried a time of day."""
    best: tuple[int, datetime, bool] | None = None
    for pattern in (TIME_DATE, DATE_TIME, WORDY):
        for m in pattern.finditer(text or ""):
            dt = _build(m)
            if dt is None:
                continue
            has_time = bool(m.groupdict().get("H"))
            if best is None or m.start() < best[0]:
                best = (m.start(), dt, has_time)
            break
    return (best[1], best[2]) if best else (None, False)


PUBLISHED_LABEL = re.compile(
    r"ngày đăng|đăng ngày|đăng lúc|ngày xuất bản|xuất bản|thời gian đăng|ngày viết|published|posted", re.I
)
UPDATED_LABEL = re.compile(
    r"cập nhật|ngày cập nhật|sửa lần cuối|sửa|chỉnh sửa|hiệu chỉnh|updated|modified|edit|hôm nay|today", re.I
)


def labelled_dates(text: str, before: str = "") -> list[tuple[datetime, bool, str]]:
    """Every date written in ``text``, in order, with what its label says it is: "published",
    "updated" (an update, or the header's "Hôm nay") or "" (no label). A date's label is the
    text between it and the date before it (``before``: the text that precedes ``text``)."""
    found: list[tuple[int, int, datetime, bool]] = []
    before = before or ""
    ends = [m.end() for p in (TIME_DATE, DATE_TIME, WORDY) for m in p.finditer(before)]
    before = before[max(ends):] if ends else before  # a label ends at the date before it
    for pattern in (TIME_DATE, DATE_TIME, WORDY):
        for m in pattern.finditer(text or ""):
            if any(m.start() < end and start < m.end() for start, end, _, _ in found):
                continue
            dt = _build(m)
            if dt is not None:
                found.append((m.start(), m.end(), dt, bool(m.groupdict().get("H"))))
    found.sort(key=lambda f: f[0])
    out = []
    last = 0
    for start, end, dt, has_time in found:
        label = (before[-30:] if last == 0 else "") + text[last:start]
        label = label[-40:]
        kind = ""
        pub = list(PUBLISHED_LABEL.finditer(label))
        upd = list(UPDATED_LABEL.finditer(label))
        if pub and (not upd or pub[-1].start() > upd[-1].start()):
            kind = "published"
        elif upd:
            kind = "updated"
        out.append((dt, has_time, kind))
        last = end
    return out


def published_in(text: str, before: str = "") -> tuple[datetime | None, bool]:
    """The publish date a date line gives: the one labelled published, else the first that is
    not an update's; (None, False) when there is none."""
    dates = labelled_dates(text, before)
    for dt, has_time, kind in dates:
        if kind == "published":
            return dt, has_time
    for dt, has_time, kind in dates:
        if kind == "":
            return dt, has_time
    return None, False


# every ISO 8601 spelling: one-digit parts ("2020-12-05T23:15:0Z"), fractions, a zone written
# Z, ±HH:MM, ±HHMM, ±HH or " UTC"/" GMT"
_ISO = re.compile(
    r"^\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<m2>\d{2})(?P<d2>\d{2}))"
    r"(?:[T\s]+(?P<H>\d{1,2}):?(?P<M>\d{1,2})(?::?(?P<S>\d{1,2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$",
    re.I,
)
# an ISO date and time opening a longer text ("2024-04-17 08:15:00 (giờ Hà Nội)"): local time
_ISO_START = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?P<m2>)(?P<d2>)"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?(?!\d)"
)
_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
    ("nov", "november"), ("dec", "december")), start=1) for m in names}  # fmt: skip
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?\s*(?P<ap>am|pm)?)?"
_ZONE = r"(?:\s*(?:GMT|UTC)?\s*(?P<z>Z|[+-]\d{2}:?\d{2}|GMT|UTC)?)?"
# "Sat Dec 07 2024 12:43:39 GMT+0000 (UTC)" (JavaScript), "Fri, 06 Dec 2024 22:00:40 +0000" (RFC 2822),
# "December 6, 2024 10:00 AM", "6 December 2024" (the time-first form tried first: a weekday or
# a zone's abbreviation before the month is no time)
_WORDED = (
    # the time first: "04:25:06 PM IST Apr 08, 2020" (a zone's abbreviation other than GMT/UTC
    # says nothing certain: the time is the page's local time)
    re.compile(rf"(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?\s*(?P<ap>am|pm)?\s*(?:(?P<z>GMT|UTC)|[A-Z]{{2,5}})?"
               rf",?\s+(?:[a-z]+,?\s+)?{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.I),
    re.compile(rf"(?:[a-z]+,?\s+)?{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_TIME}{_ZONE}", re.I),
    re.compile(rf"(?:[a-z]+,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}}){_TIME}{_ZONE}", re.I),
)
# year first with slashes or dots: "2020/10/04 15:05:21", "2020.10.04"
_YMD = re.compile(r"^\s*(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})"
                  r"(?:[\sT]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?" + _ZONE)


def _zone(z: str | None):
    if not z:
        return None
    z = z.upper()
    if z in ("Z", "UTC", "GMT"):
        return UTC
    digits = z[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    return timezone(timedelta(minutes=minutes if z[0] == "+" else -minutes))


def _assemble(g: dict, month: int) -> datetime | None:
    hour = int(g.get("H") or 0)
    ap = (g.get("ap") or "").lower()
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    try:
        dt = datetime(int(g["y"]), month, int(g["d"]), hour, int(g.get("M") or 0), int(g.get("S") or 0))
    except (TypeError, ValueError):
        return None
    zone = _zone(g.get("z"))
    return dt.replace(tzinfo=zone or LOCAL)


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 instant (``2024-04-17T08:15:00+07:00``, ``…Z``, ``2020-12-05T23:15:0Z``, a
    date alone; without a zone = local)."""
    if not value:
        return None
    m = _ISO.match(value) or _ISO_START.match(value)
    if not m:
        return None
    g = m.groupdict()
    if g["m"] is None:  # 20241206
        g["m"], g["d"] = g["m2"], g["d2"]
    return _assemble(g, int(g["m"]))


def parse_machine_date(value: str | None) -> datetime | None:
    """A date as pages write it for machines: ISO 8601, else the worded forms of JavaScript,
    RFC 2822 and English (``Sat Dec 07 2024 12:43:39 GMT+0000``, ``December 6, 2024``), else a
    day-month-year date."""
    if not value:
        return None
    dt = parse_iso(value)
    if dt is not None:
        return dt
    m = _YMD.match(value)
    if m:
        dt = _assemble(m.groupdict(), int(m.group("m")))
        if dt is not None:
            return dt
    for pattern in _WORDED:
        m = pattern.search(value)
        if m:
            dt = _assemble(m.groupdict(), _MONTHS[m.group("mon").lower().rstrip(".")])
            if dt is not None:
                return dt
    return find_date(value)[0]


def sane(dt: datetime | None, *, not_after: datetime | None = None) -> bool:
    """A plausible publish time: after 2000 and not in the future (with a day's slack)."""
    if dt is None:
        return False
    if dt.year < 2000:
        return False
    return not (not_after is not None and (dt - not_after).total_seconds() > 86400)
