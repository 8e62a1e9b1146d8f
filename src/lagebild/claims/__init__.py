"""What the sources agree on (issue #6): checkable claims in each article and their corroboration.

``quantities.py`` finds and normalises quantity expressions (counts, money, percentages,
durations, sizes) in German and English text; ``extract.py`` turns them and the article's dates
into :class:`~lagebild.records.Claim` records with evidence, measure and attribution;
``corroborate.py`` aligns claims across the articles of one event.
"""
