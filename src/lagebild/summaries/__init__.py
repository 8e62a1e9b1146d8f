"""Cited summaries and timelines of events and stories (issue #6).

``extractive`` picks salient, non-redundant sentences across the articles of an event or a
story and cites every article a chosen sentence appears in; ``support`` checks that every
summary sentence rests on the spans it cites; ``timeline`` orders a story's events by when they
happened, each with a cited one-line description.
"""
