"""The reviewer's report: ``report.html``, ``summary.md``, ``junit.xml`` and ``findings.json``.

Reporters only read findings, and only after :mod:`.inert` has made them safe to show.
:mod:`.write` writes every file; :mod:`.facts` computes what they show once; :mod:`.html`
(with ``templates/``), :mod:`.markdown` and :mod:`.junit` each render one format; :mod:`.chart`
lays out the reading-level chart. :func:`checks.report.inert.terminal` cleans a line for a
terminal.
"""
