"""Files → Articles: listing the corpus, decoding, formats, layout, boilerplate, metadata."""
