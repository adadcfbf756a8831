"""PURE text -> Cable. No files, network, database, clock or logging setup here.

The grammar is built from small named pieces: ``header`` (ACP-127 routing), ``preamble``
(banner, E.O., TAGS, SUBJECT, REF, Classified By), ``furniture`` (page breaks and
repeated banners), ``message`` (paragraphs), ``sections`` (summary, comments), ``signature``
(trailers, signers), ``reference_id`` and ``references`` (the one id canonicaliser and the REF
lines), and ``cable`` which puts them together. Packaged facts (posts, serials, malformed
ids) are read from ``cablebase/data``.
"""

from cablebase.parse.cable import parse_cable

__all__ = ["parse_cable"]
