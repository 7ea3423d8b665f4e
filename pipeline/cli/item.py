"""`cdht item`: show one item, or record an editor's decision about it (in Vietnamese)."""

from __future__ import annotations

import sys
from datetime import date

from collectors.urls import canonical_key
from pipeline.cli import common as cli
from pipeline.store import royalty_marks
from pipeline.store.audit import cli_user, decide
from pipeline.store.audit import history as audit_history
from reports.common import KIND_LABELS, local_time, vn_date
from reports.reasons import (
    date_source_vi,
    decision_sources,
    error_vi,
    kind_reason_vi,
    unit_reason_vi,
)

FIELD_LABELS = {"kind": "loại", "unit": "đơn vị", "contributors": "người viết",
                "points": "điểm nhuận bút", "no_royalty": "không tính nhuận bút"}  # fmt: skip


def register(sub, common) -> None:
    p = sub.add_parser(
        "item", parents=[common],
        help="show an item, or set its kind, unit or contributors by hand",
        description="Show one item (by URL or key), or record an editor's decision about it. "
        "A decision survives every later collection; --clear removes it.",
    )  # fmt: skip
    p.add_argument("ref", metavar="URL_OR_KEY", help="the article's URL, or the item key shown in reports")
    p.add_argument("--source", choices=("website", "facebook"), default=None,
                   help="the channel (default: guessed from the key)")  # fmt: skip
    p.add_argument("--kind", type=cli.arg_kind, metavar="KIND",
                   help="set the kind: tin|bai|video (or news|article|video)")  # fmt: skip
    p.add_argument("--unit", metavar="ID", help="set the unit id (see units.toml), or 'none'")
    p.add_argument("--contributors", metavar="ID,ID", help="set the contributor ids, comma separated ('' for none)")
    p.add_argument("--points", metavar="N",
                   help="set the item's royalty points, within its kind's range in royalties.toml")  # fmt: skip
    p.add_argument("--no-royalty", action="store_true", help="mark the item: it earns no royalty")
    p.add_argument("--clear", choices=("kind", "unit", "contributors", "points", "no_royalty", "all"),
                   help="remove a decision")  # fmt: skip
    p.add_argument("--note", default="", help="why (kept with the decision)")
    p.set_defaults(func=run_item)


def _identify(store, ref: str, source: str | None) -> tuple[str, str]:
    candidates = [ref] if not ref.startswith(("http://", "https://")) else []
    candidates.append(canonical_key(ref))
    sources = [source] if source else ["website", "facebook"]
    for src in sources:
        for key in candidates:
            if store.get_item(src, key) is not None:
                return src, key
    raise cli.UsageError(f"không có tin/bài {ref!r} trong cơ sở dữ liệu {store.path} (no such item)")


def _apply(store, config, args, source: str, key: str) -> list[str]:
    """Record the decisions the options ask for; the changes, for people."""
    changes, who = [], cli_user()
    if args.clear:
        fields = ("kind", "unit", "contributors", "points", "no_royalty") if args.clear == "all" else (args.clear,)
        for f in fields:
            if decide(store, who, source, key, f, None, args.note):
                changes.append(f"đã ghi: đã bỏ quyết định về {FIELD_LABELS[f]}")
    if args.kind:
        changes.append(_said(decide(store, who, source, key, "kind", args.kind, args.note, keep_note=True),
                             f"loại = {KIND_LABELS[args.kind]}", args.note))  # fmt: skip
    if args.unit is not None:
        unit = "" if args.unit.lower() in ("none", "") else args.unit
        if unit and config.unit(unit) is None:
            raise cli.UsageError(f"không có đơn vị mã {unit!r} trong danh mục đơn vị (units.toml; unknown unit id)")
        changes.append(_said(decide(store, who, source, key, "unit", unit, args.note, keep_note=True),
                             f"đơn vị = {unit or 'không có'}", args.note))  # fmt: skip
    if args.contributors is not None:
        ids = [c.strip() for c in args.contributors.split(",") if c.strip()]
        unknown = [c for c in ids if config.contributor(c) is None]
        if unknown:
            raise cli.UsageError(f"không có người viết mã {', '.join(unknown)} trong danh sách "
                                 "(contributors.toml; unknown contributor id)")  # fmt: skip
        changes.append(_said(decide(store, who, source, key, "contributors", ids, args.note, keep_note=True),
                             f"người viết = {', '.join(ids) or 'không có'}", args.note))  # fmt: skip
    changes += _royalty(store, config, args, source, key, who)
    return changes


def _said(changed: bool, what: str, note: str) -> str:
    """The line for one decision: saved, or already so (the new note kept all the same)."""
    if changed:
        return f"đã ghi: {what}"
    return f"không đổi: {what} (đã là giá trị này" + ("; đã lưu ghi chú mới)" if note else ")")


def _royalty(store, config, args, source: str, key: str, who: str) -> list[str]:
    """--points (checked against the kind's range) and --no-royalty."""
    if args.points is None and not args.no_royalty:
        return []
    from reports.royalty_rates import KIND_OF_ITEM, NO_RATES_VI, NoRates, parse_points, rates_of

    if source != "website":
        raise cli.UsageError("nhuận bút chỉ tính cho tin, bài trên website (royalties: website items only)")
    changes = []
    if args.points is not None:
        try:
            rates = rates_of(config)
        except NoRates as exc:
            raise cli.UsageError(NO_RATES_VI.format(label=exc)) from None
        kind = KIND_OF_ITEM.get(store.get_item(source, key)["eff_kind"], "news")
        try:
            points = parse_points(args.points, rates, kind)
        except ValueError as exc:
            raise cli.UsageError(str(exc)) from None
        changes.append(_said(decide(store, who, source, key, "points", points, args.note, keep_note=True),
                             f"điểm nhuận bút = {args.points or 'mặc định'}", args.note))  # fmt: skip
    if args.no_royalty:
        changes.append(_said(decide(store, who, source, key, "no_royalty", True, args.note, keep_note=True),
                             "không tính nhuận bút", args.note))  # fmt: skip
    return changes


def run_item(args) -> int:
    config = cli.open_config(args)
    changing = bool(args.clear or args.kind or args.unit is not None or args.contributors is not None
                    or args.points is not None or args.no_royalty)  # fmt: skip
    # an existing database only; showing an item only reads, so it never migrates
    with cli.open_store(args, must_exist=True, reading="" if changing else "item") as store:
        source, key = _identify(store, args.ref, args.source)
        with store.transaction():
            changes = _apply(store, config, args, source, key)
        row = store.get_item(source, key)
        contributors = store.contributors_of([row["id"]])[row["id"]]
        overrides = store.overrides_for(source, key)
        decided = decision_sources(audit_history(store, "item", f"{source}:{key}"))
        marks = royalty_marks.marks_for(store, source, key)
    for c in changes:
        print(c, file=sys.stderr)
    for line in describe(row, contributors, overrides, config, decided):
        print(line)
    if marks:
        print(f"  Nhuận bút:   {_royalty_text(marks)}")
    return cli.EXIT_OK


def _royalty_text(marks: dict) -> str:
    parts = []
    if "points" in marks:
        parts.append(f"{marks['points']:g} điểm (biên tập viên đặt)".replace(".", ","))
    if marks.get("no_royalty"):
        parts.append("không tính nhuận bút")
    return "; ".join(parts)


def _published(row) -> str:
    local = local_time(row["published_utc"])
    if local:
        when = local.strftime("%d/%m/%Y %H:%M") + " (giờ Việt Nam)"
    else:
        when = vn_date(date.fromisoformat(row["local_date"])) if row["local_date"] else "không rõ"
    source = date_source_vi(row["date_source"] or "") or "không rõ"
    return f"{when}; lấy từ: {source}"


def describe(row, contributors: list[str], overrides, config, decided: dict | None = None) -> list[str]:
    """The item's lines for a person: Vietnamese labels, local time, names beside ids; where
    an editor decided, who did it and where (``decided``, from the audit trail)."""
    decided = decided or {}

    def by(field: str) -> str:
        return f" (biên tập viên đã sửa: {decided[field]})" if field in decided else " (biên tập viên đã sửa)"

    names = {c.id: c.name for c in config.contributors}
    kind = KIND_LABELS.get(row["eff_kind"], row["eff_kind"])
    kind += by("kind") if "kind" in overrides else f" ({kind_reason_vi(row['kind_reason'])})"
    unit = config.unit(row["eff_unit"]) if row["eff_unit"] else None
    unit_text = f"{unit.name} ({unit.id})" if unit else (row["eff_unit"] or "không có")
    reason = unit_reason_vi(row["eff_unit_reason"] or "", names)
    if "unit" in overrides and "unit" in decided:
        reason += f" ({decided['unit']})"
    unit_text += f" — {reason}"
    people = ", ".join(f"{names.get(c, c)} ({c})" for c in contributors) or "không có"
    if "contributors" in overrides:
        people += by("contributors")
    status = "đã tải trang" if row["status"] == "ok" else "chưa tải được trang, sẽ tải lại lần sau"
    if row["error"]:
        status += f" — {error_vi(row['error'])}"
    return [
        f"{row['source']} {row['key']}",
        f"  Tiêu đề:     {row['title']}",
        f"  Địa chỉ:     {row['url'] or '-'}",
        f"  Ngày đăng:   {_published(row)}",
        f"  Loại:        {kind}",
        f"  Có video:    {'có' if row['with_video'] else 'không'}",
        f"  Đơn vị:      {unit_text}",
        f"  Người viết:  {people}",
        f"  Dòng ký tên: {row['byline'] or '-'}",
        f"  Trạng thái:  {status}",
    ]
