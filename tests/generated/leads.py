"""The lead (sapo) in the placements of the ``lead`` dimension: (before the body, inside it)."""

from __future__ import annotations


def lead_html(lead: str, mode: str) -> tuple[str, str]:
    """(HTML before the body's container, HTML first inside it); ``lead`` is already encoded."""
    return {
        "sapo-out": (f'<div class="sapo">{lead}</div>', ""),
        "sapo-in": ("", f'<div class="sapo">{lead}</div>'),
        "h2-out": (f'<h2 class="sapo">{lead}</h2>', ""),
        "h2-in": ("", f"<h2>{lead}</h2>"),
        "bold-first": ("", f"<p><strong>{lead}</strong></p>"),
        "plain-first": ("", f"<p>{lead}</p>"),
        "p-lead": (f'<p class="lead">{lead}</p>', ""),
    }[mode]
