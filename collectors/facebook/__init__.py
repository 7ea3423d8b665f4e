"""Facebook page exports: "Download Your Information" JSON (zip or folder) and the Meta
Business Suite / Insights per-post CSV.

Readers yield :class:`collectors.item.Item` records with ``source="facebook"``;
:func:`pipeline.facebook_import.import_facebook` stores one export in one transaction.
"""

from collectors.facebook.errors import FacebookImportError

__all__ = ["FacebookImportError"]
