"""The tax packet: :mod:`~megaroth.report.build` makes it from the analysis,
:mod:`~megaroth.report.as_json` and :mod:`~megaroth.report.formats` write it out."""
